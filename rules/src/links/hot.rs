//! The pre-scan that keeps the scanners off ordinary prose: one pass over the bytes cuts
//! the text into words (runs without ASCII white space) and marks the few words a link can
//! start from or run through (hot words); the shadow copy and the scanners then read only
//! windows of words around the hot ones. Most comments have no hot word at all.
//!
//! Exact, not heuristic (the unit test `windows_find_what_the_whole_text_finds` compares it
//! with the whole-text scan), because:
//! - a word of plain characters (ASCII, Latin letters, combining marks after a letter) is
//!   its own shadow copy, so a word is hot when the scanners themselves find a link in it
//!   alone (the words around can only drop that link, by a guard);
//! - a link spans several words only through a hot word (a disguised dot, a bracket, a
//!   spaced `h t t p s : / /`, an odd space, a spam-prone TLD after an address that ends
//!   in a period: `info@abc. com`), whose window takes in the words it can join;
//! - the guards look at most one word around a link (`in_vietnamese`, units after an
//!   address), and the windows hold at least that; a spaced period looks at the words on
//!   either side of it, which its own window holds;
//! - windows are joined by `'\n'`, where every scanner stops, and start at a word whose own
//!   line start is either in the window or, for the first word, white space alone;
//! - `<`, `[`, `]`, `&` and the fullwidth forms (markup, bracketed dots, character
//!   references, which can run across lines) send the whole text to the scanners.

use super::shadow::separator_word;
use super::tld::{tier, Tier};
use super::{host, ipv4, scheme, Found};

/// What a word holds, as bit flags.
const DOT: u8 = 1;
const COLON: u8 = 2;
const AT: u8 = 4;
const SLASH: u8 = 8;
const BRACKET: u8 = 16;
/// A character that is not plain (see [`is_plain`]): anything may come of it. In
/// [`BYTES`], the first byte of a character to look at.
const OTHER: u8 = 32;
/// Markup, bracketed dots or a character reference: the whole text is scanned.
const WHOLE: u8 = 64;
/// ASCII white space: between words (in [`BYTES`] only).
const SPACE: u8 = 128;

/// What each byte is: the flag of an ASCII character, [`SPACE`], [`OTHER`] for the first
/// byte of a non-ASCII character, 0 for the others (letters, digits, most punctuation,
/// continuation bytes).
const BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0C] = SPACE;
    t[b'\r' as usize] = SPACE;
    // Leads 0xC3..=0xC8 (U+00C0..U+023F) are plain without a look.
    let mut lead = 0xC0;
    while lead < 0x100 {
        t[lead] = if lead >= 0xC3 && lead <= 0xC8 {
            0
        } else {
            OTHER
        };
        lead += 1;
    }
    t[b'.' as usize] = DOT;
    t[b':' as usize] = COLON;
    t[b'@' as usize] = AT;
    t[b'/' as usize] = SLASH;
    t[b'(' as usize] = BRACKET;
    t[b'{' as usize] = BRACKET;
    t[b'<' as usize] = WHOLE;
    t[b'[' as usize] = WHOLE;
    t[b']' as usize] = WHOLE;
    t[b'&' as usize] = WHOLE;
    t
};

/// How many words before and after a word with a character that is not plain the window
/// holds: a spaced scheme (`h t t p s` before its `:`) and a bracketed dot with spaces
/// (`( dot ) com` and one word of guard) are the widest joins.
const WIDEST: (usize, usize) = (5, 4);

/// Word starts kept for the left context (a power of two above `WIDEST.0`).
const RECENT: usize = 8;

/// The window being built: the words from a hot word's left context to the last word its
/// right context takes in.
struct Window {
    /// Index of the last word in it.
    last: usize,
    /// Byte offset of its first word.
    start: usize,
    /// Byte offset just past its last word.
    end: usize,
    /// How many more words it takes in after its last one, hot or not.
    right: usize,
}

/// The byte ranges of `text` the scanners must read, sorted and disjoint, each made of
/// whole words: no link lies outside them, and the scanners find in them what they find
/// in the whole text. Empty when no link can be in `text`.
pub(super) fn hot_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut word = Vec::new();
    let mut found = Vec::new();
    let mut starts = [0usize; RECENT];
    let mut open: Option<Window> = None;
    let mut index = 0;
    let mut i = 0;
    // Whether the word before holds an `@` and ends in a period (`info@abc. com`); a
    // disguised `(at)` or `[at]` has a window of its own that takes in the words after it.
    let mut after_address = false;
    loop {
        while i < bytes.len() && BYTES[bytes[i] as usize] == SPACE {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let start = i;
        let mut flags = 0;
        while i < bytes.len() {
            let class = BYTES[bytes[i] as usize];
            i += 1;
            flags |= match class {
                0 => continue,
                SPACE => {
                    i -= 1;
                    break;
                }
                // A dot joins labels only before a label character (`Hết.` is no host).
                DOT if !bytes.get(i).is_some_and(|&n| n >= 0x80 || is_label_byte(n)) => 0,
                // Latin Extended Additional (`ạ`, `ế`, `ữ` ...) without decoding.
                OTHER if bytes[i - 1] == 0xE1 && matches!(bytes[i], 0xB8..=0xBB) => 0,
                OTHER => {
                    let after_label =
                        i - 1 > start && (bytes[i - 2] >= 0x80 || is_label_byte(bytes[i - 2]));
                    let c = text[i - 1..].chars().next().unwrap_or_default();
                    match c {
                        '\u{FF00}'..='\u{FFEF}' => WHOLE,
                        _ if is_plain(c, after_label) => 0,
                        _ => OTHER,
                    }
                }
                flag => flag,
            };
        }
        if flags & WHOLE != 0 {
            return vec![(0, text.len())];
        }
        starts[index % RECENT] = start;
        let joined = after_address && is_spam_tld(&bytes[start..i]);
        after_address = flags & AT != 0 && bytes[i - 1] == b'.';
        let hot = if joined {
            Some((1, 1))
        } else {
            context(text, (start, i), flags, (&mut word, &mut found))
        };
        if let Some((before, after)) = hot {
            let first = index.saturating_sub(before);
            match &mut open {
                Some(w) if first <= w.last + 1 => {
                    (w.last, w.end) = (index, i);
                    w.right = w.right.max(after);
                }
                _ => {
                    ranges.extend(open.map(|w| (w.start, spaces_after(bytes, w.end))));
                    open = Some(Window {
                        last: index,
                        start: starts[first % RECENT],
                        end: i,
                        right: after,
                    });
                }
            }
        } else if let Some(w) = open.as_mut().filter(|w| w.right > 0) {
            (w.last, w.end) = (index, i);
            w.right -= 1;
        }
        index += 1;
    }
    ranges.extend(open.map(|w| (w.start, spaces_after(bytes, w.end))));
    ranges
}

/// Whether `word` starts with a spam-prone TLD in any case (`com`, `VN`), the whole of its
/// leading letters: after an address ending in a period, a space may hide its last dot.
fn is_spam_tld(word: &[u8]) -> bool {
    let len = word.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if !(2..=6).contains(&len) {
        return false;
    }
    let key = String::from_utf8_lossy(&word[..len]).to_ascii_lowercase();
    matches!(tier(&key), Tier::Spam | Tier::SpamSlash)
}

/// An ASCII label character.
fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// `end` and up to two spaces after it: a spaced scheme's link takes in the spaces after
/// its slashes (`h t t p : / /  ` at the end of a text).
fn spaces_after(bytes: &[u8], end: usize) -> usize {
    end + bytes[end..]
        .iter()
        .take(2)
        .take_while(|&&b| b == b' ')
        .count()
}

/// A character the shadow copy keeps as it is and that joins no words: Latin letters with
/// diacritics (and `×`, `÷` among them) and combining marks on a letter.
fn is_plain(c: char, after_label: bool) -> bool {
    match c as u32 {
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        0x300..=0x36F => c != '\u{34F}' && after_label,
        _ => false,
    }
}

/// Whether the word at `range` is hot: how many words before and after it its window
/// holds. `word` and `found` are buffers for its characters and its links.
fn context(
    text: &str,
    (start, end): (usize, usize),
    flags: u8,
    (word, found): (&mut Vec<char>, &mut Vec<Found>),
) -> Option<(usize, usize)> {
    if flags & OTHER != 0 {
        return Some(WIDEST);
    }
    // A disguised dot (`.`, `dot`, `chấm`, `cham`) starts its word.
    let bytes = text.as_bytes();
    let second = bytes.get(start + 1).map_or(0, |b| b | 0x20);
    let separator = matches!(
        (bytes[start] | 0x20, second),
        (b'.', _) | (b'a', b't') | (b'c', b'h') | (b'd', b'o')
    );
    if flags == 0 && !separator {
        return None;
    }
    word.clear();
    word.extend(text[start..end].chars());
    let mut hot = separator_word(word, 0).is_some()
        || flags & (DOT | COLON | AT | SLASH) != 0 && finds_alone(word, found);
    let mut widest = (1, 1);
    for k in (start..end).filter(|_| flags & (COLON | BRACKET) != 0) {
        // The byte after up to `spaces` spaces from `k + 1`.
        let next = |spaces: usize| bytes[k + 1..].iter().take(spaces + 1).find(|&&b| b != b' ');
        match bytes[k] {
            // A scheme's colon before a slash, perhaps spaced out (`h t t p s : / /`): its
            // letters five words back when the word holds at most `ttps` before it, its
            // slashes and address three words on when the word ends in slashes. A
            // non-ASCII byte may be an invisible character or an odd space before the slash
            // (`: \u{200B}/`), which the shadow copy drops or makes a space: a slash too.
            b':' if next(2).is_some_and(|&b| b == b'/' || b >= 0x80) => {
                hot = true;
                let before = &bytes[start..k];
                let spaced = |b: &u8| matches!(b | 0x20, b't' | b'x' | b'*' | b'p' | b's');
                if before.len() <= 4 && before.iter().all(spaced) {
                    widest.0 = WIDEST.0;
                }
                if bytes[k + 1..end].iter().all(|&b| b == b'/') {
                    widest.1 = widest.1.max(3);
                }
            }
            // A bracket before a disguised dot or at-sign (`(dot)`, `{ at }`, `(.)`).
            b'(' | b'{'
                if next(1).is_some_and(|b| matches!(b | 0x20, b'.' | b'a' | b'c' | b'd')) =>
            {
                hot = true;
                widest.1 = WIDEST.1;
            }
            _ => {}
        }
    }
    hot.then_some(widest)
}

/// Whether the scanners find a link in `word` alone (plain characters are their own
/// shadow copy). The words around it can only drop such a link (the guards), never make
/// one, but where words join, and those joins are hot words of their own.
fn finds_alone(word: &[char], found: &mut Vec<Found>) -> bool {
    found.clear();
    scheme::find(word, found);
    host::find(word, found);
    ipv4::find(word, found);
    !found.is_empty()
}
