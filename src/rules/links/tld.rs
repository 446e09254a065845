//! Top-level domains: the IANA list and the spam-prone tiers, looked up by binary search
//! over one sorted, line-separated string (about 11 KB, 1,589 names; see `docs-links.md`
//! for why a string and not a `&[&str]`).

use super::tld_data::{SPAM_ANY, SPAM_SLASH, TLDS};

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

/// The tier of `tld` (already in lower case). The spam-prone names are IANA names too
/// (tested), so most words cost one search.
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
    if !contains(&TLDS[lo..hi], tld) {
        Tier::None
    } else if contains(SPAM_ANY, tld) {
        Tier::Spam
    } else if contains(SPAM_SLASH, tld) {
        Tier::SpamSlash
    } else {
        Tier::Iana
    }
}

/// Where the names starting with each letter `a`..=`z` start in [`TLDS`], and where the
/// non-ASCII names start (sorted by bytes, they come last): a search reads one letter's
/// names only.
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

/// Whether `key` is one of the lines of `list` (sorted by bytes, each line ending in `\n`).
/// Binary search on byte positions: each probe backs up to the start of its line.
fn contains(list: &str, key: &str) -> bool {
    let bytes = list.as_bytes();
    let key = key.as_bytes();
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| start + p);
        match key.cmp(&bytes[start..end]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => hi = start,
            std::cmp::Ordering::Greater => lo = end + 1,
        }
    }
    false
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
        for list in [TLDS, SPAM_ANY, SPAM_SLASH] {
            for line in list.lines() {
                assert!(contains(list, line), "{line}");
                assert!(contains(TLDS, line), "{line} is not an IANA name");
                let longer = format!("{line}~");
                assert!(!contains(list, &longer), "{longer}");
            }
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
        assert_eq!(
            TLDS,
            names.join("\n") + "\n",
            "run python3 data/links/gen_tld_data.py"
        );
        let spam = include_str!("../../../data/links/spam_tlds.txt");
        for (tier, list) in [("any", SPAM_ANY), ("slash", SPAM_SLASH)] {
            let mut names: Vec<&str> = spam
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(' '))
                .filter(|(_, t)| *t == tier)
                .map(|(name, _)| name)
                .collect();
            names.sort();
            assert_eq!(
                list,
                names.join("\n") + "\n",
                "run python3 data/links/gen_tld_data.py"
            );
        }
    }
}
