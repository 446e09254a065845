//! "Có dấu": was the comment, as a whole, typed with diacritics?
//!
//! Many correct words carry no mark (anh, em, cho, trong), so the comment is judged, not
//! each word:
//! - M = syllables that carry a mark (a tone, or ă â ê ô ơ ư đ);
//! - S = suspects: unaccented tokens that should carry marks (see `words::Kind::Suspect`;
//!   names and forms written plain on purpose are not);
//! - d = M / (M + S);
//! - có dấu when d ≥ the site's threshold ([`CO_DAU_FROM`] by default), or when one word
//!   among marked ones lacks its marks (a slip of the keyboard, not a keyboard switched off);
//! - otherwise undetermined when the text is mostly not Vietnamese (more foreign tokens than
//!   Vietnamese ones: English, mashing); không dấu when nothing is marked and at least 3
//!   plain syllables; undetermined when there is nothing to judge; thiếu dấu for
//!   [`KHONG_DAU_BELOW`] ≤ d, không dấu below.
//!
//! The threshold and the one slip are the line a Vietnamese reader draws between a comment
//! typed with marks and one typed without (the measurement is in docs/rules.md); with the
//! marks stripped, every sentence falls to 0.

use super::verdict::{Diacritics, DiacriticsVerdict};
use super::words::{Kind, Word};

/// The default d at and above which a comment is có dấu.
pub const CO_DAU_FROM: f32 = 0.75;

/// How many suspects a comment with marks may hold and still be có dấu, whatever d: one
/// word without its marks among marked ones is a slip of the keyboard, not a keyboard
/// switched off.
pub const ONE_SLIP: u32 = 1;

/// Below this share of marked syllables a comment is không dấu rather than thiếu dấu.
pub const KHONG_DAU_BELOW: f32 = 0.3;

/// The judgement and the counts behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// The verdict and d.
    pub diacritics: Diacritics,
    /// M: marked syllables.
    pub marked: u32,
}

/// Judges the comment made of `words`; `co_dau_from` is the d at and above which it is có dấu.
pub fn judge(words: &[Word], co_dau_from: f32) -> Judgement {
    let (mut marked, mut suspects, mut plain, mut foreign) = (0u32, 0u32, 0u32, 0u32);
    for word in words {
        match &word.kind {
            Kind::Syllable(s) if s.marked() => marked += 1,
            Kind::Syllable(_) => plain += 1,
            Kind::Suspect => suspects += 1,
            Kind::Other => foreign += 1,
            Kind::Neutral => {}
        }
    }
    let judged = marked + suspects;
    let d = if judged == 0 {
        0.0
    } else {
        marked as f32 / judged as f32
    };
    // A site asking for every mark (`co_dau_from` 1) forgives no slip.
    let one_slip = co_dau_from < 1.0 && marked > ONE_SLIP && suspects <= ONE_SLIP;
    let verdict = if marked > 0 && d >= co_dau_from || one_slip {
        DiacriticsVerdict::CoDau
    } else if foreign > marked + suspects + plain {
        // Mostly not Vietnamese: English, keyboard mashing, teen-code alone.
        DiacriticsVerdict::Undetermined
    } else if judged == 0 {
        if plain >= 3 {
            DiacriticsVerdict::KhongDau
        } else {
            DiacriticsVerdict::Undetermined
        }
    } else if d >= KHONG_DAU_BELOW {
        DiacriticsVerdict::ThieuDau
    } else {
        DiacriticsVerdict::KhongDau
    };
    Judgement {
        diacritics: Diacritics { verdict, d },
        marked,
    }
}
