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
/// non-ASCII names start (sorted by bytes, they come last).
const TLD_FROM: [usize; 27] = {
    let bytes = TLDS.as_bytes();
    let mut from = [0; 27];
    let (mut letter, mut line) = (0, 0);
    while letter < 27 {
        // The first line whose first byte is not below the letter (`{` after `z`).
        while line < bytes.len() && bytes[line] < b'a' + letter as u8 {
            while bytes[line] != b'\n' {
                line += 1;
            }
            line += 1;
        }
        from[letter] = line;
        letter += 1;
    }
    from
};

/// If `key` is the name of one of the lines of `list` (sorted by name, each line a name,
/// perhaps a tier mark, and `\n`), the byte after the name: its mark or `\n`. Binary
/// search on byte positions: each probe backs up to the start of its line.
fn mark(list: &[u8], key: &[u8]) -> Option<u8> {
    let (mut lo, mut hi) = (0, list.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let start = list[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = list[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(list.len(), |p| start + p);
        let marked = matches!(list[end - 1], b'!' | b'/');
        let name = &list[start..end - usize::from(marked)];
        match key.cmp(name) {
            std::cmp::Ordering::Equal => return Some(list[start + name.len()]),
            std::cmp::Ordering::Less => hi = start,
            std::cmp::Ordering::Greater => lo = end + 1,
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

    #[test]
    fn every_listed_name_is_found() {
        for line in TLDS.lines() {
            let (name, expected) = match line.as_bytes()[line.len() - 1] {
                b'!' => (&line[..line.len() - 1], Tier::Spam),
                b'/' => (&line[..line.len() - 1], Tier::SpamSlash),
                _ => (line, Tier::Iana),
            };
            assert_eq!(tier(name), expected, "{line}");
            assert_eq!(tier(&format!("{name}~")), Tier::None, "{name}~");
        }
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
        let mark = |name: &str| {
            let tier = spam
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(' '))
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t);
            match tier {
                Some("any") => "!",
                Some("slash") => "/",
                _ => "",
            }
        };
        for (name, _) in spam.lines().filter_map(|l| l.split_once(' ')) {
            assert!(
                name.starts_with('#') || names.iter().any(|n| n == name),
                "{name} is not an IANA name"
            );
        }
        let expected: String = names.iter().map(|n| format!("{n}{}\n", mark(n))).collect();
        assert_eq!(TLDS, expected, "run python3 data/links/gen_tld_data.py");
    }
}
