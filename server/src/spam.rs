//! Telling automated posts from people's: the honeypot field and the typing speed.

/// A person needs at least this long per word from the first keystroke to submit: 200 ms
/// a word is 300 words a minute, beyond the fastest typists.
pub const HUMAN_MS_PER_WORD: u64 = 200;

/// Why a comment was judged spam or held for review (stored for moderators, never told to
/// the poster).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpamReason {
    /// The hidden `website` field was filled.
    Honeypot,
    /// Sent in less than [`HUMAN_MS_PER_WORD`] per white-space separated word, by a client
    /// that reported the time (the widget does so only for text that arrived with no
    /// keystroke or paste it saw).
    TooFast,
}

impl SpamReason {
    /// The code stored and shown to moderators (`spam:honeypot`).
    pub fn code(self) -> &'static str {
        match self {
            SpamReason::Honeypot => "honeypot",
            SpamReason::TooFast => "too-fast",
        }
    }
}

/// Why a comment that passed the rules looks automated, if it does: the honeypot first,
/// then the speed (only when the client reported `typing_ms`).
pub fn spam_reason(website: &str, typing_ms: Option<u64>, content: &str) -> Option<SpamReason> {
    let words = content.split_whitespace().count() as u64;
    if !website.trim().is_empty() {
        Some(SpamReason::Honeypot)
    } else if typing_ms.is_some_and(|ms| ms < words.saturating_mul(HUMAN_MS_PER_WORD)) {
        Some(SpamReason::TooFast)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spam_needs_a_filled_honeypot_or_inhuman_speed() {
        let ten = "Bài viết rất hay và bổ ích cho mọi người";
        assert_eq!(spam_reason("", None, ten), None);
        assert_eq!(spam_reason("  ", Some(2000), ten), None);
        assert_eq!(spam_reason("", Some(1999), ten), Some(SpamReason::TooFast));
        assert_eq!(spam_reason("", Some(0), ten), Some(SpamReason::TooFast));
        assert_eq!(
            spam_reason("http://x", Some(60_000), ten),
            Some(SpamReason::Honeypot)
        );
        assert_eq!(SpamReason::TooFast.code(), "too-fast");
        assert_eq!(SpamReason::Honeypot.code(), "honeypot");
    }
}
