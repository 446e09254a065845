//! The link finder: spans on character boundaries, sorted, disjoint; the same links in NFC
//! and NFD; an inserted U+200B never changes which links are found.
#![no_main]

use binhluan_rules::links::find_links;
use binhluan_fuzz::{assert_links, nfc_nfd, rules, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::new(data) else {
        return;
    };
    let links = find_links(&input.text, input.flag);
    assert_links(&input.text, &links);

    let hidden = input.with_zwsp();
    let with_zwsp = find_links(&hidden, input.flag);
    assert_links(&hidden, &with_zwsp);
    assert_eq!(
        rules(&links),
        rules(&with_zwsp),
        "U+200B at byte {} changed the links of {:?}",
        input.at,
        input.text
    );

    let (nfc, nfd) = nfc_nfd(&input.text);
    let (in_nfc, in_nfd) = (find_links(&nfc, input.flag), find_links(&nfd, input.flag));
    assert_links(&nfc, &in_nfc);
    assert_links(&nfd, &in_nfd);
    assert_eq!(
        rules(&in_nfc),
        rules(&in_nfd),
        "NFC {nfc:?} and NFD {nfd:?}"
    );
});
