//! `check()`: spans on character boundaries; NFC and NFD get the same verdict; an inserted
//! U+200B never hides a link.
#![no_main]

use binhluan_rules::{check, Rules, Verdict};
use binhluan_fuzz::{assert_links, assert_suspects, nfc_nfd, rules, Input};
use libfuzzer_sys::fuzz_target;

/// What must not depend on the normalisation form: everything but spans, texts and hints
/// (the old-font hints read precomposed Latin-1 letters as font bytes, which NFD changes).
fn summary(v: &Verdict) -> impl PartialEq + std::fmt::Debug {
    (
        v.ok,
        v.problems.clone(),
        v.words,
        v.length,
        v.diacritics.verdict,
        v.suspects.len(),
        rules(&v.links),
    )
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::new(data) else {
        return;
    };
    let rules_ = Rules::default();
    let verdict = check(&input.text, &rules_);
    assert_links(&input.text, &verdict.links);
    assert_suspects(&input.text, &verdict.suspects);
    assert_eq!(verdict.ok, verdict.problems.is_empty());

    let hidden = input.with_zwsp();
    let with_zwsp = check(&hidden, &rules_);
    assert!(
        verdict.links.is_empty() || !with_zwsp.links.is_empty(),
        "U+200B at byte {} hid the links of {:?}",
        input.at,
        input.text
    );

    let (nfc, nfd) = nfc_nfd(&input.text);
    let (in_nfc, in_nfd) = (check(&nfc, &rules_), check(&nfd, &rules_));
    assert_eq!(
        summary(&in_nfc),
        summary(&in_nfd),
        "NFC {nfc:?} and NFD {nfd:?}"
    );
});
