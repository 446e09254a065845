//! The link finder behind "Không chứa liên kết": every link in a comment, however it is
//! disguised, and nothing in ordinary Vietnamese. The exact definition is in the README
//! ("Không chứa liên kết"); in short:
//!
//! 0. a pre-scan of the bytes (`hot.rs`) finds the words a link can start from or run
//!    through and keeps windows of words around them; most comments have none, and the
//!    steps below then read the windows only;
//! 1. a shadow copy of the text is normalised (`shadow.rs`): HTML references decoded,
//!    fullwidth / mathematical / circled letters folded, invisible characters dropped, dot
//!    look-alikes between labels turned into dots, disguised dots (`[.]`, ` chấm `) marked;
//! 2. independent scanners look for explicit link syntax (`scheme.rs`: schemes, obfuscated
//!    schemes, markup, `//host`), `www.`, host names ending in a top-level domain, e-mail
//!    addresses (`host.rs`) and IPv4 addresses (`ipv4.rs`);
//! 3. overlapping finds are merged (the one starting first wins, the longest among equals)
//!    and mapped back to UTF-16 offsets of the original text.
//!
//! Every scanner visits each shadow character a bounded number of times: linear time.

mod chars;
mod host;
mod hot;
mod ipv4;
mod scheme;
mod shadow;
mod tld;
mod tld_data;

use super::text::Utf16Cursor;
use super::verdict::{Link, LinkRule};
use shadow::Shadow;

/// Every link in `text`, sorted by start and non-overlapping, with UTF-16 spans into `text`
/// as given. E-mail addresses count only when `emails_are_links`.
pub fn find_links(text: &str, emails_are_links: bool) -> Vec<Link> {
    let windows = hot::hot_ranges(text);
    if windows.is_empty() {
        return Vec::new();
    }
    find_in(text, &windows, emails_are_links)
}

/// [`find_links`] reading only the byte ranges `windows` of `text` (see `hot.rs`).
fn find_in(text: &str, windows: &[(usize, usize)], emails_are_links: bool) -> Vec<Link> {
    let shadow = Shadow::new(text, windows);
    let chars = &shadow.chars;
    let mut found = Vec::new();
    scheme::find(chars, &mut found);
    host::find(chars, &mut found);
    ipv4::find(chars, &mut found);
    // By start, the longest first; among equal spans, the first scanner's find.
    let key = |i: usize| (found[i].start, std::cmp::Reverse(found[i].end), i);
    let mut order: Vec<usize> = (0..found.len()).collect();
    super::sort::heap_sort(&mut order, |&a, &b| key(a) < key(b));
    let mut cursor = Utf16Cursor::new(text);
    let mut links = Vec::new();
    let mut last_end = 0;
    for f in order.into_iter().map(|i| &found[i]) {
        if f.start < last_end || f.end <= f.start {
            continue;
        }
        last_end = f.end;
        if f.rule == LinkRule::Email && !emails_are_links {
            continue;
        }
        let (from, to) = (
            shadow.src[f.start].0 as usize,
            shadow.src[f.end - 1].1 as usize,
        );
        links.push(Link {
            start: cursor.to_utf16(from),
            end: cursor.to_utf16(to),
            text: text.get(from..to).unwrap_or_default().to_string(),
            rule: f.rule,
        });
    }
    links
}

/// One find in the shadow copy: `[start, end)` in shadow characters.
#[derive(Debug)]
struct Found {
    start: usize,
    end: usize,
    rule: LinkRule,
}

/// Where the rest of a URL (path, query, fragment) that starts at `from` ends: up to white
/// space or a character that cannot be in a typed URL (`< > " \` |`), then without trailing
/// punctuation (`. , : ; ! ? '`) and unbalanced closing brackets. Never before `from`.
fn tail_end(chars: &[char], from: usize) -> usize {
    let mut end = from;
    let mut open = [0usize; 3];
    let mut close = [0usize; 3];
    const OPEN: [char; 3] = ['(', '[', '{'];
    const CLOSE: [char; 3] = [')', ']', '}'];
    while end < chars.len() {
        let c = chars[end];
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`' | '|') {
            break;
        }
        if let Some(k) = OPEN.iter().position(|&o| o == c) {
            open[k] += 1;
        }
        if let Some(k) = CLOSE.iter().position(|&o| o == c) {
            close[k] += 1;
        }
        end += 1;
    }
    while end > from {
        let c = chars[end - 1];
        if let Some(k) = CLOSE.iter().position(|&o| o == c) {
            if close[k] <= open[k] {
                break;
            }
            close[k] -= 1;
        } else if let Some(k) = OPEN.iter().position(|&o| o == c) {
            open[k] -= 1;
        } else if !matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*') {
            break;
        }
        end -= 1;
    }
    end
}

/// What one scanner finds in `s`: each match's text and rule (for the scanners' unit tests).
#[cfg(all(test, not(target_arch = "wasm32")))]
fn scan(find: fn(&[char], &mut Vec<Found>), s: &str) -> Vec<(String, LinkRule)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    find(&chars, &mut out);
    out.iter()
        .map(|f| (chars[f.start..f.end].iter().collect(), f.rule))
        .collect()
}

/// The texts alone of [`scan`].
#[cfg(all(test, not(target_arch = "wasm32")))]
fn scan_texts(find: fn(&[char], &mut Vec<Found>), s: &str) -> Vec<String> {
    scan(find, s).into_iter().map(|(text, _)| text).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tail(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        chars[..tail_end(&chars, 0)].iter().collect()
    }

    /// Pieces of text where windows could go wrong: links and their parts, disguised
    /// dots, spaced schemes, guards' context words, odd characters.
    const PIECES: [&str; 78] = [
        "Vào",
        "xem",
        "nhé",
        "rồi",
        "to",
        "do",
        "vậy",
        "Hà",
        "Nội.Ca",
        "sĩ",
        "TP.HCM",
        "v.v.",
        "38.500",
        "Hết.",
        "nhacai88.com",
        "nhacai88",
        "com",
        "COM",
        "Com",
        "vn",
        "vip",
        "bit.LY/x",
        "chấm",
        "CHẤM",
        "cha\u{302}\u{301}m",
        "cham",
        "dot",
        "at",
        "(",
        ")",
        "(dot)",
        "{at}",
        "(.)",
        ".",
        "www",
        "www.",
        "w88",
        "localhost",
        "localhost:80",
        "1",
        "192.168.1.1",
        "1.2.3.4",
        "1.250.000.000",
        "đồng",
        "%",
        "-",
        "Laocaitv.vn",
        "h",
        "t",
        "tt",
        "p",
        "s",
        "ps",
        ":",
        "/",
        "//",
        "://",
        "x",
        "*",
        "zalo:1",
        "data:text/html",
        "Note:",
        "a@b.vn",
        "@",
        "x.com:80",
        "\u{A0}",
        "。",
        "\u{200B}",
        "𝐜𝐨𝐦",
        "сом",
        "\u{301}",
        "みんな",
        "i❤.ws",
        "ℎttp",
        "кот.сом",
        "e\u{302}\u{301}",
        "·",
        "twitter.みんなです",
    ];

    fn pieces_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(PIECES.to_vec());
        let gap = prop::sample::select(vec!["", " ", " ", " ", "  ", "   ", "\n", "\t", " \n "]);
        prop::collection::vec((piece, gap), 0..24)
            .prop_map(|parts| parts.iter().map(|(p, g)| format!("{p}{g}")).collect())
    }

    fn chars_text() -> impl Strategy<Value = String> {
        let c = prop::sample::select(
            "ahtpsx*:/.@ \n comvn12(){}-ấ\u{301}wdĐT·\u{A0}"
                .chars()
                .collect::<Vec<_>>(),
        );
        prop::collection::vec(c, 0..48).prop_map(|v| v.into_iter().collect())
    }

    /// A letter-spaced scheme (`h t t p s : / / abc`, `h x x p:/ /abc`) between pieces,
    /// with invisible characters and odd spaces among the gaps (the shadow copy drops or
    /// folds them, so they join what the pre-scan sees as separate words).
    fn spaced_text() -> impl Strategy<Value = String> {
        let letters: [&[&str]; 9] = [
            &["h", "ℎ"],
            &["t", "x", "*"],
            &["t", "x", "*"],
            &["p"],
            &["s", ""],
            &[":"],
            &["/"],
            &["/"],
            &["a", ""],
        ];
        let gap = prop::sample::select(vec![
            "",
            " ",
            "  ",
            "   ",
            "\n",
            "\u{200B}",
            " \u{200B}",
            "\u{A0}",
            " \u{AD} ",
        ]);
        let spaced = letters.map(|choices| (prop::sample::select(choices), gap.clone()));
        (pieces_text(), spaced, pieces_text()).prop_map(|(before, spaced, after)| {
            let spaced: String = spaced.iter().map(|(c, g)| format!("{c}{g}")).collect();
            format!("{before} {spaced}{after}")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn windows_find_what_the_whole_text_finds(
            text in prop_oneof![pieces_text(), chars_text(), spaced_text()],
            emails in any::<bool>(),
        ) {
            prop_assert_eq!(
                find_links(&text, emails),
                find_in(&text, &[(0, text.len())], emails)
            );
        }
    }

    /// Found by `cargo fuzz run links` (U+200B inserted anywhere never changes the links):
    /// an invisible character or an odd space between a spaced scheme's colon and its
    /// slashes hid the colon from the pre-scan.
    #[test]
    fn windows_see_a_spaced_scheme_through_invisible_characters() {
        for text in [
            "h t t p s : \u{200B}/ /âm",
            "x h t t p s : \u{200B}/ / a x",
            "x h t t p s :\u{A0}/ / abc x",
            "x h t t p s :  \u{AD}/ / abc x",
            "x h t t p s : / \u{200B}/ abc x",
            "Hà Nội.Ca sĩh t t p s : \u{200B}/ /âm\"à Nội.Ca sĩ M chấm",
        ] {
            let whole = find_in(text, &[(0, text.len())], true);
            assert_eq!(whole.len(), 1, "{text:?}");
            assert_eq!(find_links(text, true), whole, "{text:?}");
        }
    }

    #[test]
    fn tails_drop_trailing_punctuation_and_unbalanced_brackets() {
        assert_eq!(tail("/foo_bar_(wiki)"), "/foo_bar_(wiki)");
        assert_eq!(tail("/foo_bar)."), "/foo_bar");
        assert_eq!(tail("/a?b=1. Sau đó"), "/a?b=1");
        assert_eq!(tail("/x|y"), "/x");
        assert_eq!(tail("..."), "");
        assert_eq!(tail("/(("), "/");
    }
}
