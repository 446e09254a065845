//! The verdict on one comment: the same value natively, in the browser and in the
//! server's `422` replies. Field names and string codes are part of the public contract
//! (docs/rules.md, "The verdict"); add fields, never rename them.

use serde::{Deserialize, Serialize};

/// What the rules found in one comment.
///
/// Every `start`/`end` is a UTF-16 code-unit offset into the text exactly as it was given,
/// which is what JavaScript strings and a `<textarea>` count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// True when no problem was found: the comment may be posted.
    pub ok: bool,
    /// Countable "chữ tiếng Việt có dấu" (see `rules::words`).
    pub words: u32,
    /// The minimum the site asks for.
    pub min_words: u32,
    /// Length in user-perceived characters (grapheme clusters), at least one per 16 UTF-16
    /// code units (`rules::UNITS_PER_CHARACTER`: a combining-mark bomb is not one character).
    pub length: u32,
    /// The maximum length the site allows.
    pub max_length: u32,
    /// Whether the comment as a whole was typed with diacritics.
    pub diacritics: Diacritics,
    /// Words typed without the marks they need ("nguoi", "khong").
    pub suspects: Vec<Span>,
    /// Offers to fix the text (a switched-off keyboard, an old font) or warnings (spam).
    pub hints: Vec<Hint>,
    /// Every link found, with the rule that fired.
    pub links: Vec<Link>,
    /// The rules the comment breaks, in a fixed order.
    pub problems: Vec<Problem>,
}

/// The diacritics judgement of the whole comment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diacritics {
    /// The verdict.
    pub verdict: DiacriticsVerdict,
    /// `M / (M + S)`: marked syllables over marked syllables plus suspects (0 when nothing to judge).
    pub d: f32,
}

/// Was the comment typed with diacritics?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", into = "&'static str")]
pub enum DiacriticsVerdict {
    /// Có dấu: typed with diacritics.
    CoDau,
    /// Thiếu dấu: some words lack their marks.
    ThieuDau,
    /// Không dấu: typed without diacritics.
    KhongDau,
    /// Nothing to judge.
    Undetermined,
}

/// A stretch of the original text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// UTF-16 offset of the first code unit.
    pub start: u32,
    /// UTF-16 offset one past the last code unit.
    pub end: u32,
    /// The text of the span, as typed.
    pub text: String,
}

/// A link found in the comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// UTF-16 offset of the first code unit.
    pub start: u32,
    /// UTF-16 offset one past the last code unit.
    pub end: u32,
    /// The link as typed.
    pub text: String,
    /// Which rule fired.
    pub rule: LinkRule,
}

/// Which link rule fired (docs/rules.md, "Không chứa liên kết").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", into = "&'static str")]
pub enum LinkRule {
    /// A scheme followed by `:` (`https:`, `zalo:`), plain or obfuscated (`hxxp`, `h t t p`).
    Scheme,
    /// Link markup: `<a href=`, markdown `[x](y)`, BBCode `[url`, protocol-relative `//host`.
    Markup,
    /// `www` followed by a separator and a label.
    Www,
    /// A host name ending in a known top-level domain.
    Host,
    /// A host name written with a disguised dot (`[.]`, `(dot)`, ` chấm `) or a top-level
    /// domain in look-alike letters (`соm` with Cyrillic `с`, `о`).
    DisguisedHost,
    /// An IPv4 address.
    Ipv4,
    /// An e-mail address.
    Email,
}

/// A fix or a warning the rules offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hint {
    /// What was recognised.
    pub kind: HintKind,
    /// The converted text (empty for warnings that carry none).
    pub suggestion: String,
}

/// What a hint is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", into = "&'static str")]
pub enum HintKind {
    /// Raw Telex keystrokes ("Tieesng Vieejt").
    Telex,
    /// Raw VNI keystrokes ("Tie61ng Vie65t").
    Vni,
    /// VIQR ("Tie^'ng Vie^.t").
    Viqr,
    /// Text from the TCVN3 (ABC) 8-bit font.
    Tcvn3,
    /// Text from the VNI-Windows 8-bit font.
    VniWindows,
    /// Words repeated beyond the spam caps.
    Spam,
}

/// A rule the comment breaks. The string codes are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", into = "&'static str")]
pub enum Problem {
    /// Nothing but white space.
    Empty,
    /// Fewer countable words than `min_words`.
    TooFewWords,
    /// The diacritics verdict is anything but có dấu.
    NoDiacritics,
    /// At least one link.
    HasLink,
    /// Longer than `max_length`.
    TooLong,
}

impl Problem {
    /// The stable code, as in the JSON form.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Empty => "empty",
            Problem::TooFewWords => "too-few-words",
            Problem::NoDiacritics => "no-diacritics",
            Problem::HasLink => "has-link",
            Problem::TooLong => "too-long",
        }
    }
}

/// The codes serialise through `&'static str` (one call instead of a match of unit
/// variants: smaller wasm); deserialising reads the same kebab-case names.
impl From<Problem> for &'static str {
    fn from(problem: Problem) -> Self {
        problem.code()
    }
}

impl From<DiacriticsVerdict> for &'static str {
    fn from(verdict: DiacriticsVerdict) -> Self {
        match verdict {
            DiacriticsVerdict::CoDau => "co-dau",
            DiacriticsVerdict::ThieuDau => "thieu-dau",
            DiacriticsVerdict::KhongDau => "khong-dau",
            DiacriticsVerdict::Undetermined => "undetermined",
        }
    }
}

impl From<LinkRule> for &'static str {
    fn from(rule: LinkRule) -> Self {
        match rule {
            LinkRule::Scheme => "scheme",
            LinkRule::Markup => "markup",
            LinkRule::Www => "www",
            LinkRule::Host => "host",
            LinkRule::DisguisedHost => "disguised-host",
            LinkRule::Ipv4 => "ipv4",
            LinkRule::Email => "email",
        }
    }
}

impl From<HintKind> for &'static str {
    fn from(kind: HintKind) -> Self {
        match kind {
            HintKind::Telex => "telex",
            HintKind::Vni => "vni",
            HintKind::Viqr => "viqr",
            HintKind::Tcvn3 => "tcvn3",
            HintKind::VniWindows => "vni-windows",
            HintKind::Spam => "spam",
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    /// Each code serialises as the kebab-case name it deserialises from.
    fn round_trip<T>(values: &[T])
    where
        T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
    {
        for value in values {
            let json = serde_json::to_value(value).expect("serialise");
            assert!(json.is_string(), "{value:?}");
            assert_eq!(
                &serde_json::from_value::<T>(json).expect("deserialise"),
                value
            );
        }
    }

    #[test]
    fn codes_round_trip() {
        use DiacriticsVerdict::*;
        round_trip(&[CoDau, ThieuDau, KhongDau, Undetermined]);
        use LinkRule::*;
        round_trip(&[Scheme, Markup, Www, Host, DisguisedHost, Ipv4, Email]);
        use HintKind::*;
        round_trip(&[Telex, Vni, Viqr, Tcvn3, VniWindows, Spam]);
        use Problem::*;
        round_trip(&[Empty, TooFewWords, NoDiacritics, HasLink, TooLong]);
        assert_eq!(
            serde_json::to_value(DisguisedHost).unwrap(),
            "disguised-host"
        );
    }
}
