//! Top-level domains: the IANA list with the spam-prone tiers marked in it, one sorted,
//! front-coded string of the ASCII and `xn--` names (generated into `tld_data.rs` by
//! `generate::tlds`; the Unicode names are looked up by their `xn--` form), searched within
//! the names of the key's first letter. A string and not a `&[&str]`: see docs/rules.md,
//! "Data and size".

use super::tld_data::{SENTENCE_WORDS, TLDS};

/// How strongly a TLD counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tier {
    /// Not a top-level domain.
    None,
    /// In the IANA list only: counts in lower case after a plain dot.
    Iana,
    /// Spam-prone, but only when a `/` follows (`bit.LY/x`, `t.Me/abc`).
    SpamSlash,
    /// Spam-prone: counts in any case and after a disguised dot.
    Spam,
}

impl Tier {
    /// Whether a TLD of this tier makes a host: `strict` when it follows a disguised dot
    /// or is not in lower case, `slash` when a `/` follows it.
    pub(super) fn counts(self, strict: bool, slash: bool) -> bool {
        match self {
            Tier::None => false,
            Tier::Iana => !strict,
            Tier::SpamSlash => !strict || slash,
            Tier::Spam => true,
        }
    }
}

/// The tier of `tld` (already in lower case): one binary search, within the names that
/// start with its first letter.
pub(super) fn tier(tld: &str) -> Tier {
    if !tld.is_ascii() {
        return punycode(tld).map_or(Tier::None, |ascii| tier(&ascii));
    }
    let first = tld.bytes().next().unwrap_or(0);
    let (lo, hi) = match first {
        b'a'..=b'z' => (
            usize::from(TLD_FROM[(first - b'a') as usize]),
            usize::from(TLD_FROM[(first - b'a') as usize + 1]),
        ),
        _ => return Tier::None,
    };
    match mark(&TLDS.as_bytes()[lo..hi], tld.as_bytes()) {
        None => Tier::None,
        Some(b'!') => Tier::Spam,
        Some(b'/') => Tier::SpamSlash,
        Some(_) => Tier::Iana,
    }
}

/// Whether `tld` (already in lower case) is also a word of a comment's sentence (`shop`,
/// `net`, `kg` ...: `data/links/sentence_tlds.txt`).
pub(super) fn is_sentence_word(tld: &str) -> bool {
    SENTENCE_WORDS.binary_search(&tld).is_ok()
}

/// The `xn--` form of a name with non-ASCII characters (Punycode, RFC 3492): the list
/// holds the Unicode TLDs in that form only, which is smaller than both forms. `None` for
/// names far longer than any TLD (which also keeps the arithmetic within `u32`).
fn punycode(name: &str) -> Option<String> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    let input: Vec<u32> = name.chars().map(u32::from).collect();
    if input.len() > 64 {
        return None;
    }
    let mut out: String = "xn--".into();
    out.extend(name.chars().filter(char::is_ascii));
    let basic = out.len() - 4;
    if basic > 0 {
        out.push('-');
    }
    let digit = |d: u32| {
        char::from(if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + d as u8 - 26
        })
    };
    let (mut n, mut delta, mut bias, mut handled) = (0x80, 0, 72, basic as u32);
    while handled < input.len() as u32 {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta += (m - n) * (handled + 1);
        n = m;
        for &c in &input {
            if c < n {
                delta += 1;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = k.saturating_sub(bias).clamp(TMIN, TMAX);
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                // Bias adaptation.
                let mut d = delta / if handled == basic as u32 { 700 } else { 2 };
                d += d / (handled + 1);
                k = 0;
                while d > (BASE - TMIN) * TMAX / 2 {
                    d /= BASE - TMIN;
                    k += BASE;
                }
                bias = k + (BASE - TMIN + 1) * d / (d + 38);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

/// Where the names starting with each letter `a`..=`z` start in [`TLDS`], and where they
/// end (`{` after `z`): a name that shares no byte with the one before (`A`) starts a new
/// first letter.
const TLD_FROM: [u16; 27] = {
    let bytes = TLDS.as_bytes();
    assert!(bytes.len() <= u16::MAX as usize);
    let mut from = [bytes.len() as u16; 27];
    let (mut letter, mut i) = (0, 0);
    while i < bytes.len() {
        while bytes[i] == b'A' && letter < 27 && bytes[i + 1] >= b'a' + letter as u8 {
            from[letter] = i as u16;
            letter += 1;
        }
        i += 1;
    }
    from
};

/// If `key` is one of the front-coded names of `names` (see [`TLDS`]), the byte after it:
/// its tier mark, or `\n` when it has none. One pass that compares a name only from where
/// it stops sharing bytes with the name before, and skips it when it shares more with that
/// name than the key does (it is still below the key).
fn mark(names: &[u8], key: &[u8]) -> Option<u8> {
    // How many leading bytes the key shares with the name before, which is below it.
    let mut matched = 0;
    let mut i = 0;
    while i < names.len() {
        let shared = usize::from(names[i] - b'A');
        let end = names[i + 1..]
            .iter()
            .position(u8::is_ascii_uppercase)
            .map_or(names.len(), |p| i + 1 + p);
        let entry = &names[i + 1..end];
        i = end;
        if shared > matched {
            continue;
        }
        matched = shared;
        let marked = matches!(entry.last(), Some(b'!' | b'/'));
        let rest = &entry[..entry.len() - usize::from(marked)];
        let common = rest
            .iter()
            .zip(&key[matched..])
            .take_while(|(a, b)| a == b)
            .count();
        matched += common;
        if common < rest.len() {
            if matched == key.len() || rest[common] > key[matched] {
                return None;
            }
        } else if matched == key.len() {
            return Some(entry.get(rest.len()).copied().unwrap_or(b'\n'));
        }
    }
    None
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    #[test]
    fn sentence_words() {
        for word in ["shop", "net", "kg", "ng", "like"] {
            assert!(is_sentence_word(word), "{word}");
        }
        for word in ["vn", "com", "Shop", "shopp", ""] {
            assert!(!is_sentence_word(word), "{word}");
        }
    }

    #[test]
    fn tiers() {
        assert_eq!(tier("com"), Tier::Spam);
        assert_eq!(tier("vn"), Tier::Spam);
        assert_eq!(tier("ly"), Tier::SpamSlash);
        assert_eq!(tier("ca"), Tier::Iana);
        assert_eq!(tier("zip"), Tier::Iana);
        assert_eq!(tier("рф"), Tier::Iana);
        assert_eq!(tier("xn--p1ai"), Tier::Iana);
        assert_eq!(tier("aaa"), Tier::Iana);
        assert_eq!(tier("zw"), Tier::Iana);
        assert_eq!(tier("coma"), Tier::None);
        assert_eq!(tier("hcm"), Tier::None);
        assert_eq!(tier(""), Tier::None);
    }

    /// The names and tier marks of [`TLDS`], decoded.
    fn listed() -> Vec<(String, &'static str)> {
        let bytes = TLDS.as_bytes();
        let mut out: Vec<(String, &str)> = Vec::new();
        let mut previous: Vec<u8> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let shared = usize::from(bytes[i] - b'A');
            let end = (i + 1..bytes.len())
                .find(|&k| bytes[k].is_ascii_uppercase())
                .unwrap_or(bytes.len());
            let mut name = previous[..shared].to_vec();
            name.extend_from_slice(&bytes[i + 1..end]);
            let mark = match name.last() {
                Some(b'!') => "!",
                Some(b'/') => "/",
                _ => "",
            };
            name.truncate(name.len() - mark.len());
            out.push((String::from_utf8(name.clone()).unwrap(), mark));
            previous = name;
            i = end;
        }
        out
    }

    /// The Unicode TLDs of the data and their `xn--` forms.
    fn unicode_tlds() -> Vec<(String, String)> {
        include_str!("../../data/links/iana_tlds.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(u, a)| u != a)
            .map(|(u, a)| (u.trim().to_lowercase(), a.trim().to_lowercase()))
            .collect()
    }

    #[test]
    fn unicode_names_by_their_punycode() {
        let pairs = unicode_tlds();
        assert_eq!(pairs.len(), 151);
        for (unicode, ascii) in pairs {
            assert_eq!(punycode(&unicode).as_deref(), Some(ascii.as_str()));
            assert_eq!(tier(&unicode), Tier::Iana, "{unicode}");
            assert_eq!(tier(&format!("{unicode}x")), Tier::None, "{unicode}x");
        }
        // RFC 3492's sample strings, section 7.1 (A, B, L: Arabic, Chinese, Japanese).
        for (unicode, ascii) in [
            ("ليهمابتكلموشعربي؟", "xn--egbpdaj6bu4bxfgehfvwxn"),
            ("他们为什么不说中文", "xn--ihqwcrb4cv8a8dqg056pqjye"),
            ("3年b組金八先生", "xn--3b-ww4c5e180e575a65lsy2b"),
        ] {
            assert_eq!(punycode(unicode).as_deref(), Some(ascii));
        }
        assert_eq!(tier("xn--p1ai"), Tier::Iana);
        assert_eq!(tier("рфx"), Tier::None);
    }

    #[test]
    fn every_listed_name_is_found() {
        let names = listed();
        assert_eq!(names.len(), 1589 - 151);
        for (name, mark) in names {
            let expected = match mark {
                "!" => Tier::Spam,
                "/" => Tier::SpamSlash,
                _ => Tier::Iana,
            };
            assert_eq!(tier(&name), expected, "{name}");
            let shorter: String = name.chars().take(name.chars().count() - 1).collect();
            for other in [format!("{name}~"), format!("{name}-"), shorter] {
                if !listed_name(&other) {
                    assert_eq!(tier(&other), Tier::None, "{other}");
                }
            }
        }
    }

    fn listed_name(name: &str) -> bool {
        listed().iter().any(|(n, _)| n == name)
    }
}
