//! Top-level domains: the IANA list with the spam-prone tiers marked in it, looked up by
//! binary search over one sorted, line-separated string (about 11 KB, 1,589 names; see
//! `docs-links.md` for why a string and not a `&[&str]`).

use super::tld_data::TLDS;

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
    let first = tld.bytes().next().unwrap_or(0);
    let (lo, hi) = match first {
        b'a'..=b'z' => (
            TLD_FROM[(first - b'a') as usize],
            TLD_FROM[(first - b'a') as usize + 1],
        ),
        _ if first >= 0x80 => (TLD_FROM[26], TLDS.len()),
        _ => return Tier::None,
    };
    match mark(&TLDS.as_bytes()[lo..hi], tld.as_bytes()) {
        None => Tier::None,
        Some(b'!') => Tier::Spam,
        Some(b'/') => Tier::SpamSlash,
        Some(_) => Tier::Iana,
    }
}

/// Where the names starting with each letter `a`..=`z` start in [`TLDS`], and where the
/// non-ASCII names start (sorted by bytes, they come last): a name that shares no byte
/// with the one before (`A`) starts a new first byte.
const TLD_FROM: [usize; 27] = {
    let bytes = TLDS.as_bytes();
    let mut from = [bytes.len(); 27];
    let (mut letter, mut i) = (0, 0);
    while i < bytes.len() {
        while bytes[i] == b'A' && letter < 27 && bytes[i + 1] >= b'a' + letter as u8 {
            from[letter] = i;
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
        let common = rest.iter().zip(&key[matched..]).take_while(|(a, b)| a == b).count();
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

    #[test]
    fn every_listed_name_is_found() {
        let names = listed();
        assert_eq!(names.len(), 1589);
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

    /// The committed `tld_data.rs` is what `data/links/gen_tld_data.py` writes from `data/`.
    #[test]
    fn tld_data_is_fresh() {
        let tsv = include_str!("../../../data/links/iana_tlds.tsv");
        let mut names: Vec<String> = tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .flat_map(|l| l.split('\t').map(|f| f.trim().to_lowercase()))
            .collect();
        names.sort();
        names.dedup();
        let spam = include_str!("../../../data/links/spam_tlds.txt");
        let spam: Vec<(&str, &str)> = spam
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .collect();
        for (name, _) in &spam {
            assert!(names.contains(&name.to_string()), "{name} is not an IANA name");
        }
        let expected: Vec<(String, &str)> = names
            .into_iter()
            .map(|n| {
                let mark = match spam.iter().find(|(s, _)| *s == n).map(|(_, t)| *t) {
                    Some("any") => "!",
                    Some("slash") => "/",
                    _ => "",
                };
                (n, mark)
            })
            .collect();
        assert_eq!(listed(), expected, "run python3 data/links/gen_tld_data.py");
    }
}
