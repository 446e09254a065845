//! Host names, `www.` and e-mail addresses: chains of labels joined by dots (plain or
//! disguised), judged by their top-level domain, its letter case and the guards that keep
//! ordinary Vietnamese ("Hà Nội.Ca sĩ", "TP.HCM", "mưa to.do vậy") out.

use super::chars::{
    has_latin_marks, is_combining_mark, is_label_char, is_letter, is_number_like,
    is_plain_syllable, is_spaceless, is_vietnamese_word, letters,
};
use super::shadow::{match_word, DISGUISED_AT, DISGUISED_DOT};
use super::tld::{is_sentence_word, tier, Tier};
use super::{tail_end, Found};
use crate::verdict::LinkRule;

/// Labels `[start, end)` joined by separators, with what the guards need to know about
/// each prefix precomputed (so that judging every prefix stays linear).
struct Chain {
    labels: Vec<(usize, usize)>,
    /// Index of the first label that follows a disguised dot (`usize::MAX`: none).
    first_disguised: usize,
    /// How many labels from the start are short capitalised abbreviations (`TP`, `PGS`).
    short_caps: usize,
    /// Whether the chain has three or more labels, every one a Vietnamese word
    /// (`dan.ba.gi.ma`, `Vây.ha.co`); set by [`judge`].
    dotted_words: bool,
    /// Whether the chain follows a word-initial `@` or `_`: a user name (`@tiem.nha`).
    handle: bool,
}

impl Chain {
    /// Whether a disguised dot comes before label `k`.
    fn disguised_before(&self, k: usize) -> bool {
        self.first_disguised <= k
    }
}

fn is_separator(c: char) -> bool {
    c == '.' || c == DISGUISED_DOT
}

/// Adds every host, `www.` and e-mail link in `chars` to `out`.
pub(super) fn find(chars: &[char], out: &mut Vec<Found>) {
    // One buffer for every chain.
    let mut chain = Chain {
        labels: Vec::new(),
        first_disguised: usize::MAX,
        short_caps: 0,
        dotted_words: false,
        handle: false,
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '@' || c == DISGUISED_AT {
            out.extend(email(chars, i, &mut chain));
            i += 1;
        } else if is_label_char(c) && !is_combining_mark(c) {
            // A chain starts on a letter: a mark here carries a symbol (`῝` is `῾` + U+0300).
            let stop = chain_at(chars, i, &mut chain);
            // A user name starts a word with `@` or `_` (`IG: @tiem.nha`, `insta _ten`).
            chain.handle = i > 0
                && matches!(chars[i - 1], '@' | '_' | DISGUISED_AT)
                && (i < 2 || !is_local_char(chars[i - 2]));
            let found = judge(chars, &mut chain);
            i = found.as_ref().map_or(stop, |f| f.end.max(stop));
            out.extend(found);
        } else {
            i += 1;
        }
    }
}

/// The chain of labels starting at label character `from`: it stops at a character that
/// is neither a label character nor a separator followed by one, or where a spaceless
/// script meets another. Fills `chain`, returns the index it stopped at.
fn chain_at(chars: &[char], from: usize, chain: &mut Chain) -> usize {
    chain.labels.clear();
    chain.first_disguised = usize::MAX;
    chain.short_caps = 0;
    chain.dotted_words = false;
    chain.handle = false;
    let mut k = from;
    loop {
        let start = k;
        let script = is_spaceless(chars[k]);
        while k < chars.len() && is_label_char(chars[k]) && is_spaceless(chars[k]) == script {
            k += 1;
        }
        if chain.short_caps == chain.labels.len() && is_capitalised(&chars[start..k], 3) {
            chain.short_caps += 1;
        }
        chain.labels.push((start, k));
        let next_is_label = chars.get(k + 1).is_some_and(|&c| is_label_char(c));
        match chars.get(k) {
            Some(&s) if is_separator(s) && next_is_label => {
                if s == DISGUISED_DOT {
                    chain.first_disguised = chain.first_disguised.min(chain.labels.len());
                }
                k += 1;
            }
            _ => return k,
        }
    }
}

/// The link a chain makes, if any: `www.` + a label, a host ending in a top-level domain
/// (the longest such prefix of the chain), or `localhost:port`.
fn judge(chars: &[char], chain: &mut Chain) -> Option<Found> {
    let labels = &chain.labels;
    let (first_start, first_end) = labels[0];
    if labels.len() >= 2 && match_word(chars, first_start, "www") == Some(first_end) {
        let end = tail_end(chars, labels[labels.len() - 1].1);
        return Some(Found {
            start: first_start,
            end,
            rule: LinkRule::Www,
        });
    }
    if labels.len() == 1 {
        // The colon first: most words are single labels followed by no colon.
        if chars.get(first_end) != Some(&':') {
            return None;
        }
        let after = match_word(chars, first_start, "localhost")?;
        let port = chars.get(after) == Some(&':')
            && chars.get(after + 1).is_some_and(char::is_ascii_digit);
        let end = port_and_path(chars, after);
        return port.then_some(Found {
            start: first_start,
            end,
            rule: LinkRule::Host,
        });
    }
    let start = (first_start..first_end).find(|&k| chars[k] != '-')?;
    chain.dotted_words = labels.len() >= 3
        && labels
            .iter()
            .all(|&(s, e)| is_vietnamese_word(&chars[s..e]));
    let chain = &*chain;
    let labels = &chain.labels;
    (1..labels.len()).rev().find_map(|k| {
        let (after, disguised) = host_end(chars, chain, k)?;
        Some(Found {
            start,
            end: port_and_path(chars, after),
            rule: if disguised {
                LinkRule::DisguisedHost
            } else {
                LinkRule::Host
            },
        })
    })
}

/// A top-level domain label: its lower-case key, where it ends (without trailing hyphens)
/// and whether it was typed in lower case. Letters only, or an `xn--` name.
fn tld(chars: &[char], (start, end): (usize, usize)) -> Option<(String, usize, bool)> {
    let mut end = end;
    while end > start && chars[end - 1] == '-' {
        end -= 1;
    }
    let label = &chars[start..end];
    let punycode = label.len() > 4
        && label[..4]
            .iter()
            .map(char::to_ascii_lowercase)
            .eq("xn--".chars())
        && label.iter().all(|c| c.is_ascii_alphanumeric() || *c == '-');
    let letters = label.iter().all(|&c| !c.is_numeric() && c != '-');
    if label.is_empty() || !(letters || punycode) {
        return None;
    }
    let key = label.iter().map(char::to_ascii_lowercase).collect();
    let lower = !label.iter().any(|c| c.is_uppercase());
    Some((key, end, lower))
}

/// If labels `0..=k` of `chain` form a host name, the index one past its top-level domain
/// and whether the host is disguised (a disguised dot, or a TLD in look-alike letters).
///
/// The tiers: a lower-case TLD after plain dots may be any IANA TLD; a Title-case or
/// ALL-CAPS TLD, or any TLD after a disguised dot, must be spam-prone (some only before a
/// `/`). The guards (each documented in docs/rules.md, "Không chứa liên kết"): diacritics
/// before a two-letter country TLD, a number before a capitalised TLD or a unit (`5.tr`), a
/// run-on sentence of plain syllables, a sentence glued to a word that is also a TLD
/// (`đẹp.shop`), words joined by dots (`dan.ba.gi.ma`), an abbreviation chain (`TP.HCM`,
/// `tp.hn`, `M.ng`), a user name after `@` or `_` without a path.
fn host_end(chars: &[char], chain: &Chain, k: usize) -> Option<(usize, bool)> {
    let (start, end) = chain.labels[k];
    // In a spaceless script the TLD may run on into the next word (`みんなです`).
    let shorter = if is_spaceless(chars[start]) {
        end - start - 1
    } else {
        0
    };
    (0..=shorter.min(24)).find_map(|cut| host_end_at(chars, chain, k, end - cut))
}

/// [`host_end`] with the top-level domain cut at `end`.
fn host_end_at(chars: &[char], chain: &Chain, k: usize, end: usize) -> Option<(usize, bool)> {
    let (key, after, lower) = tld(chars, (chain.labels[k].0, end))?;
    let mut disguised = chain.disguised_before(k);
    let mut tier = tier(&key);
    let (before_start, before_end) = chain.labels[k - 1];
    let latin_host = chars[before_start..before_end]
        .iter()
        .chain(&chars[chain.labels[k].0..after])
        .any(char::is_ascii_alphanumeric);
    if tier == Tier::None && latin_host {
        if let Some(latin) = look_alike_tld(&chars[chain.labels[k].0..after]) {
            tier = super::tld::tier(&latin);
            disguised = true;
        }
    }
    let slash = chars.get(after) == Some(&'/');
    let strict = disguised || !lower;
    if !tier.counts(strict, slash) {
        return None;
    }
    let label = |j: usize| &chars[chain.labels[j].0..chain.labels[j].1];
    let before = label(k - 1);
    let country = key.len() == 2 && key != "vn" && key.bytes().all(|b| b.is_ascii_alphabetic());
    let tld_label = &chars[chain.labels[k].0..after];
    let bare = !matches!(chars.get(after), Some('/' | ':' | '?' | '#'));
    // Lower-case consonants only; `capital`: the first one may be a capital (`M.ng`).
    let consonants = |label: &[char], capital: bool| {
        !label.is_empty()
            && label.iter().enumerate().all(|(n, c)| {
                let c = if capital && n == 0 {
                    c.to_ascii_lowercase()
                } else {
                    *c
                };
                c.is_ascii_lowercase() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            })
    };
    // A sentence glued to the next one whose first word is also a TLD: the label before
    // ends a Vietnamese sentence, and the TLD starts the next one (a capital), or sits
    // among Vietnamese words.
    let glued_sentence = k == 1
        && !disguised
        && bare
        && is_sentence_word(&key)
        && (is_vietnamese_word(before) || !before.iter().any(|c| c.is_alphanumeric()))
        && (has_latin_marks(before) || !lower || in_vietnamese(chars, chain.labels[0].0, after));
    // Words joined by dots: three or more labels, every one a Vietnamese word, ending in a
    // TLD that is not spam-prone.
    let dotted_words = !disguised && bare && tier != Tier::Spam && chain.dotted_words;
    let guarded = (country && has_latin_marks(before))
        || (is_number_like(before) && (strict || UNITS.contains(&key.as_str())))
        || (k == 1
            && matches!(tier, Tier::Iana | Tier::SpamSlash)
            && !strict
            && bare
            && is_plain_syllable(tld_label)
            && is_short_word(before)
            && in_vietnamese(chars, chain.labels[0].0, after))
        || glued_sentence
        || dotted_words
        || (!slash
            && chain.short_caps >= k
            && is_capitalised(tld_label, usize::MAX)
            && !is_second_level(&chars[chain.labels[k - 1].0..chain.labels[k - 1].1]))
        || (k == 1 && country && bare && consonants(before, true) && consonants(tld_label, false))
        || (chain.handle && !slash);
    (!guarded).then_some((after, disguised))
}

/// A TLD typed with Cyrillic or Greek lower-case letters that look like Latin ones (`соm`
/// with a Cyrillic `с` and `о`): the Latin name it imitates, in lower case. Only labels
/// made of ASCII letters and such look-alikes, with at least one look-alike; the caller
/// asks for Latin letters or digits in the TLD or the label before it (`кот.сом` is
/// Russian, `nhacai88.сом` is not).
fn look_alike_tld(label: &[char]) -> Option<String> {
    const LOOK_ALIKES: [(char, char); 24] = [
        ('а', 'a'),
        ('α', 'a'),
        ('с', 'c'),
        ('ϲ', 'c'),
        ('ԁ', 'd'),
        ('е', 'e'),
        ('ε', 'e'),
        ('һ', 'h'),
        ('і', 'i'),
        ('ι', 'i'),
        ('ј', 'j'),
        ('κ', 'k'),
        ('ӏ', 'l'),
        ('м', 'm'),
        ('о', 'o'),
        ('ο', 'o'),
        ('р', 'p'),
        ('ρ', 'p'),
        ('ѕ', 's'),
        ('т', 't'),
        ('υ', 'u'),
        ('ν', 'v'),
        ('х', 'x'),
        ('у', 'y'),
    ];
    let mut imitated = false;
    let latin = label
        .iter()
        .map(|&c| {
            let l = super::chars::lower(c);
            if l.is_ascii_lowercase() {
                return Some(l);
            }
            let to = LOOK_ALIKES
                .iter()
                .find(|(from, _)| *from == c)
                .map(|&(_, to)| to);
            imitated |= to.is_some();
            to
        })
        .collect::<Option<String>>()?;
    imitated.then_some(latin)
}

/// Whether `label` is the second level of a country's generic domains (`COM` in
/// `ABC.COM.VN`): an abbreviation chain ending in it is a host.
fn is_second_level(label: &[char]) -> bool {
    const SECOND_LEVEL: [&str; 10] = [
        "ac", "biz", "co", "com", "edu", "gov", "info", "int", "net", "org",
    ];
    let lower: String = label.iter().map(char::to_ascii_lowercase).collect();
    SECOND_LEVEL.contains(&lower.as_str())
}

/// A label that reads as one Vietnamese word or a chat abbreviation, not a site name: a
/// syllable (with marks or without), a number, or at most three letters (`đc`, `bn`,
/// `Ok`, `jui`); `nick`, `tiki`, `bongda` are not.
fn is_short_word(label: &[char]) -> bool {
    let alphabetic = label.iter().all(|&c| is_letter(c));
    is_number_like(label)
        || alphabetic && (letters(label) <= 3 || has_latin_marks(label) || is_plain_syllable(label))
}

/// Whether the word right before `start` (one space or up to three dots away: `kía...co`)
/// or right after `end` (one space away) is Vietnamese: it carries Vietnamese marks or
/// spells a plain syllable (`vậy`, `nghiep`).
fn in_vietnamese(chars: &[char], start: usize, end: usize) -> bool {
    let vietnamese = |word: &[char]| has_latin_marks(word) || is_plain_syllable(word);
    let gap = chars[..start]
        .iter()
        .rev()
        .take(3)
        .take_while(|&&c| c == '.')
        .count();
    let gap = if chars[..start - gap].last() == Some(&' ') {
        gap + 1
    } else {
        gap
    };
    let before = gap > 0 && start > gap && {
        let to = start - gap;
        let from = chars[..to]
            .iter()
            .rposition(|&c| !is_label_char(c))
            .map_or(0, |p| p + 1);
        vietnamese(&chars[from..to])
    };
    let after = chars.get(end) == Some(&' ') && {
        let from = end + 1;
        let len = chars[from..]
            .iter()
            .take_while(|&&c| is_label_char(c))
            .count();
        vietnamese(&chars[from..from + len])
    };
    before || after
}

/// Whether `label` is a capitalised word of at most `max` letters, or a Title-case name
/// (`Nam`) when `max` is unlimited. An abbreviation chain (`TP.HCM`, `PGS.TS.BS`, `ThS.BS`,
/// `N.V.Nam`, `H.A.G.L`) is labels of at most three letters, each capitalised, the last
/// possibly a name.
fn is_capitalised(label: &[char], max: usize) -> bool {
    let capitalised =
        label.first().is_some_and(|c| c.is_uppercase()) && label.iter().all(|&c| is_letter(c));
    let name = max == usize::MAX
        && label[1..]
            .iter()
            .all(|&c| c.is_lowercase() || is_combining_mark(c));
    capitalised && (letters(label) <= 3 || name)
}

/// After a host ending at `after`: an optional `:port` (one to five digits) and an optional
/// path, query or fragment. Returns the end of the link.
fn port_and_path(chars: &[char], after: usize) -> usize {
    let mut end = after;
    if chars.get(end) == Some(&':') {
        let digits = chars[end + 1..]
            .iter()
            .take(6)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if (1..=5).contains(&digits) {
            end += 1 + digits;
        }
    }
    if matches!(chars.get(end), Some('/' | '?' | '#')) {
        end = tail_end(chars, end);
    }
    end
}

/// A character of the local part of an e-mail address (RFC 5322 `atext` and `.`).
fn is_local_char(c: char) -> bool {
    is_label_char(c)
        || matches!(
            c,
            '!' | '#'
                | '$'
                | '%'
                | '&'
                | '\''
                | '*'
                | '+'
                | '/'
                | '='
                | '?'
                | '^'
                | '_'
                | '`'
                | '{'
                | '}'
                | '~'
                | '.'
        )
}

/// Country TLDs that are also units after a number: `5.tr` (triệu), `8.pm`, `2.kg`, `16.gb`.
const UNITS: [&str; 10] = ["am", "cm", "gb", "kg", "km", "mg", "ml", "mm", "pm", "tr"];

/// Mail providers whose name alone after `@` is an address (`lienhe@gmail`): any other
/// domain needs a TLD, since `B@nking` is how Vietnamese banks write "Banking".
const MAIL_PROVIDERS: [&str; 8] = [
    "gmail",
    "hotmail",
    "icloud",
    "outlook",
    "protonmail",
    "yahoo",
    "yandex",
    "ymail",
];

/// The e-mail address around the `@` (or `(at)`) at `at`: a local part holding a letter or
/// digit, then a domain whose last label is two or more letters (in the IANA list or not:
/// `a@a.xyϸ`), or a mail provider's name alone.
fn email(chars: &[char], at: usize, chain: &mut Chain) -> Option<Found> {
    let mut start = at;
    while start > 0 && is_local_char(chars[start - 1]) {
        start -= 1;
        if chars[start] == '.' && chars.get(start + 1) == Some(&'.') {
            start += 2;
            break;
        }
    }
    while start < at && chars[start] == '.' {
        start += 1;
    }
    let local = &chars[start..at];
    if !local.iter().any(|c| c.is_alphanumeric())
        || chars[at - 1] == '.'
        || !chars.get(at + 1).is_some_and(|&c| is_label_char(c))
    {
        return None;
    }
    chain_at(chars, at + 1, chain);
    // The `@` is evidence enough: any last label of two or more letters will do.
    let full = (1..chain.labels.len()).rev().find_map(|k| {
        let (_, after, _) = tld(chars, chain.labels[k])?;
        (letters(&chars[chain.labels[k].0..after]) >= 2).then_some(after)
    });
    let end = full.or_else(|| {
        let (s, e) = chain.labels[0];
        let provider = MAIL_PROVIDERS
            .iter()
            .any(|p| match_word(chars, s, p) == Some(e));
        provider.then_some(e)
    })?;
    Some(Found {
        start,
        end,
        rule: LinkRule::Email,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    fn finds(s: &str) -> Vec<(String, LinkRule)> {
        super::super::scan(find, s)
    }

    #[test]
    fn chains_and_tiers() {
        assert_eq!(
            finds("vào nhacai88.com nhé"),
            [("nhacai88.com".into(), LinkRule::Host)]
        );
        assert_eq!(finds("VN88.COM"), [("VN88.COM".into(), LinkRule::Host)]);
        assert!(finds("Hà Nội.Ca sĩ").is_empty());
        assert!(finds("rồi.ba").is_empty());
        assert!(finds("mưa to.do vậy").is_empty());
        assert!(finds("hannh phuc.su nghiep").is_empty());
        assert!(finds("ra hang jui.mo").is_empty());
        assert_eq!(finds("foo.jp it.so foo.jp").len(), 3);
        assert!(finds("TP.HCM PGS.TS.BS N.V.Nam").is_empty());
        assert_eq!(finds("bit.LY/abc"), [("bit.LY/abc".into(), LinkRule::Host)]);
        assert!(finds("bit.LY abc").is_empty());
        assert_eq!(
            finds("localhost:3000"),
            [("localhost:3000".into(), LinkRule::Host)]
        );
        assert_eq!(
            finds("example.com.Sau"),
            [("example.com".into(), LinkRule::Host)]
        );
    }

    #[test]
    fn emails() {
        assert_eq!(
            finds("abc@example.com")[0],
            ("abc@example.com".into(), LinkRule::Email)
        );
        assert_eq!(finds("a@Gmail")[0], ("a@Gmail".into(), LinkRule::Email));
        assert!(finds("Mobile B@nking").is_empty());
        assert!(finds("#@tetyeuthuong").is_empty());
        assert!(finds("@nguyenvana").is_empty());
        assert!(finds("foo.@example.com")
            .iter()
            .all(|(_, r)| *r != LinkRule::Email));
    }
}
