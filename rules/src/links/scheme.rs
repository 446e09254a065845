//! Explicit link syntax: schemes (`https:`, `zalo:`, any `name://`), obfuscated and
//! letter-spaced schemes (`hxxp`, `h**p`, `h t t p s : / /`), HTML `<a href=`, markdown
//! `[text](url)`, BBCode `[url`, protocol-relative `//host`.

use super::chars::{ends_word, is_label_char};
use super::shadow::match_word;
use super::{tail_end, Found};
use crate::verdict::LinkRule;

/// Schemes that count with a bare `:` (any other name counts only as `name://`). The
/// messaging apps (`zalo`, `fb`, `viber`, `skype`, `tg`, `line`, `whatsapp`,
/// `messenger`) are not among them: `Zalo:0912345678` and `FB:Ngọc Lan` are a contact
/// line, a phone number or a name, and only `zalo://…` is a link.
const SCHEMES: [&str; 18] = [
    "data",
    "file",
    "ftp",
    "ftps",
    "http",
    "https",
    "hxxp",
    "hxxps",
    "intent",
    "itms",
    "javascript",
    "magnet",
    "mailto",
    "market",
    "sftp",
    "vbscript",
    "ws",
    "wss",
];

/// The web schemes a word may be glued to (`Hihihttps://`, `AMEN.https://`): the link
/// starts at the scheme, not at the word.
const WEB: [&str; 4] = ["https", "http", "hxxps", "hxxp"];

/// Adds every explicit-syntax link in `chars` to `out`.
pub(super) fn find(chars: &[char], out: &mut Vec<Found>) {
    let mut bracket = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let end = match c {
            ':' => scheme(chars, i, out),
            'h' | 'H' => spaced_scheme(chars, i, out),
            '<' => anchor(chars, i, out),
            '[' => {
                bracket = Some(i);
                bbcode(chars, i, out)
            }
            ']' => markdown(chars, i, bracket.take(), out),
            '/' => protocol_relative(chars, i, out),
            '\n' => {
                bracket = None;
                None
            }
            _ => None,
        };
        i = end.map_or(i + 1, |e| e.max(i + 1));
    }
}

fn is_scheme_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')
}

/// `name:` at `colon`: a known scheme followed by something, or any `name://` followed by
/// something. The name is the run of scheme characters before the colon, from its first
/// ASCII letter (`1.http://` → `http`), or the web scheme it ends in (`Hihihttps` →
/// `https`).
fn scheme(chars: &[char], colon: usize, out: &mut Vec<Found>) -> Option<usize> {
    let mut start = colon;
    while start > 0 && is_scheme_char(chars[start - 1]) {
        start -= 1;
    }
    while start < colon && !chars[start].is_ascii_alphabetic() {
        start += 1;
    }
    if start == colon {
        return None;
    }
    let mut name: String = chars[start..colon]
        .iter()
        .map(char::to_ascii_lowercase)
        .collect();
    if let Some(web) = WEB
        .iter()
        .find(|w| name.len() > w.len() && name.ends_with(*w))
    {
        start = colon - web.len();
        name = (*web).to_owned();
    }
    let slashes = chars.get(colon + 1) == Some(&'/') && chars.get(colon + 2) == Some(&'/');
    let known = SCHEMES.contains(&name.as_str());
    if !slashes && !known {
        return None;
    }
    let from = colon + 1;
    // `data:` needs a media type (`data:text/html`), not `Data:5GB`; checked before the
    // tail is read so that a run of failing `data:` stays linear.
    if name == "data" {
        let letters = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if letters == 0 || chars.get(from + letters) != Some(&'/') {
            return None;
        }
    }
    let end = tail_end(chars, from);
    let content = &chars[(from + if slashes { 2 } else { 0 }).min(end)..end];
    if content.is_empty() {
        return None;
    }
    out.push(Found {
        start,
        end,
        rule: LinkRule::Scheme,
    });
    Some(end)
}

/// An obfuscated or letter-spaced `http(s)://`: `h`, two of `t x *`, `p`, an optional `s`,
/// `:`, `/`, `/`, with up to two spaces between any of them, and at least one space or one
/// `x`/`*` (the plain form is [`scheme`]'s). The link runs on over the address after it.
fn spaced_scheme(chars: &[char], h: usize, out: &mut Vec<Found>) -> Option<usize> {
    if h > 0 && chars[h - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut k = h + 1;
    let mut disguised = false;
    let mut next = |k: &mut usize, accept: &dyn Fn(char) -> bool, optional: bool| -> bool {
        let mut j = *k;
        while j < chars.len() && j - *k < 2 && chars[j] == ' ' {
            j += 1;
        }
        match chars.get(j) {
            Some(&c) if accept(c) => {
                disguised |= j > *k || matches!(c, 'x' | 'X' | '*');
                *k = j + 1;
                true
            }
            _ => optional,
        }
    };
    let t = |c: char| matches!(c, 't' | 'T' | 'x' | 'X' | '*');
    let matched = next(&mut k, &t, false)
        && next(&mut k, &t, false)
        && next(&mut k, &|c| c == 'p' || c == 'P', false)
        && next(&mut k, &|c| c == 's' || c == 'S', true)
        && next(&mut k, &|c| c == ':', false)
        && next(&mut k, &|c| c == '/', false)
        && next(&mut k, &|c| c == '/', false);
    if !matched || !disguised {
        return None;
    }
    let mut from = k;
    while chars.get(from) == Some(&' ') && from - k < 2 {
        from += 1;
    }
    let end = tail_end(chars, from).max(k);
    out.push(Found {
        start: h,
        end,
        rule: LinkRule::Scheme,
    });
    Some(end)
}

/// `<a ... href=`: from `<` to the end of the attribute value.
fn anchor(chars: &[char], lt: usize, out: &mut Vec<Found>) -> Option<usize> {
    let a = match_word(chars, lt + 1, "a")?;
    if !chars.get(a).is_some_and(|c| c.is_whitespace()) {
        return None;
    }
    let mut k = a;
    while k < chars.len() && !matches!(chars[k], '<' | '>') {
        if let Some(after) = match_word(chars, k, "href") {
            let mut v = after;
            while chars.get(v).is_some_and(|c| c.is_whitespace()) {
                v += 1;
            }
            if chars.get(v) == Some(&'=') {
                let end = attribute_value_end(chars, v + 1);
                out.push(Found {
                    start: lt,
                    end,
                    rule: LinkRule::Markup,
                });
                return Some(end);
            }
        }
        k += 1;
    }
    None
}

/// One past the value of an attribute starting at `from` (quoted or not).
fn attribute_value_end(chars: &[char], mut from: usize) -> usize {
    while chars.get(from).is_some_and(|c| c.is_whitespace()) {
        from += 1;
    }
    let quote = chars.get(from).copied().filter(|&q| q == '"' || q == '\'');
    let mut k = from + usize::from(quote.is_some());
    while let Some(&c) = chars.get(k) {
        if Some(c) == quote {
            return k + 1;
        }
        if c == '>' || c == '<' || c == '\n' || (quote.is_none() && c.is_whitespace()) {
            break;
        }
        k += 1;
    }
    k
}

/// BBCode `[url]` / `[url=...]`: the opening tag.
fn bbcode(chars: &[char], open: usize, out: &mut Vec<Found>) -> Option<usize> {
    let after = match_word(chars, open + 1, "url")?;
    if !matches!(chars.get(after), Some(']' | '=')) {
        return None;
    }
    let mut end = after;
    while end < chars.len() && !matches!(chars[end], ']' | '[' | '\n') {
        end += 1;
    }
    let end = if chars.get(end) == Some(&']') {
        end + 1
    } else {
        end
    };
    out.push(Found {
        start: open,
        end,
        rule: LinkRule::Markup,
    });
    Some(end)
}

/// Markdown `[text](target)` with `]` at `close` and the last `[` of the line at `open`.
fn markdown(
    chars: &[char],
    close: usize,
    open: Option<usize>,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let open = open?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let mut k = close + 2;
    while k < chars.len()
        && !chars[k].is_whitespace()
        && !matches!(chars[k], '(' | ')' | '[' | ']' | '<' | '>')
    {
        k += 1;
    }
    if k == close + 2 || chars.get(k) != Some(&')') {
        return None;
    }
    out.push(Found {
        start: open,
        end: k + 1,
        rule: LinkRule::Markup,
    });
    Some(k + 1)
}

/// Protocol-relative `//host`: `//` not after `:`, `/`, a letter or digit (NFC or NFD:
/// [`ends_word`]), then a host with a dot (`//example.com`, `//test.123`) or `localhost`.
fn protocol_relative(chars: &[char], slash: usize, out: &mut Vec<Found>) -> Option<usize> {
    if chars.get(slash + 1) != Some(&'/')
        || slash > 0 && (matches!(chars[slash - 1], ':' | '/') || ends_word(chars, slash))
    {
        return None;
    }
    let from = slash + 2;
    let mut k = from;
    let mut dotted = false;
    while k < chars.len() && (is_label_char(chars[k]) || chars[k] == '.') {
        dotted |=
            chars[k] == '.' && k > from && chars.get(k + 1).is_some_and(|&c| is_label_char(c));
        k += 1;
    }
    if !dotted && match_word(chars, from, "localhost") != Some(k) {
        return None;
    }
    let end = tail_end(chars, from).max(k);
    out.push(Found {
        start: slash,
        end,
        rule: LinkRule::Markup,
    });
    Some(end)
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    fn finds(s: &str) -> Vec<String> {
        super::super::scan_texts(find, s)
    }

    #[test]
    fn schemes() {
        assert_eq!(
            finds("Xem https://vnexpress.net/a nhé"),
            ["https://vnexpress.net/a"]
        );
        assert!(finds("Zalo:0901234567 FB:Ngọc Lan").is_empty());
        assert_eq!(finds("zalo://0901234567"), ["zalo://0901234567"]);
        assert_eq!(finds("1.http://example.org/"), ["http://example.org/"]);
        assert_eq!(finds("Hihihttps://youtu.be/x"), ["https://youtu.be/x"]);
        assert_eq!(finds("AMEN.https://g.co/x"), ["https://g.co/x"]);
        assert_eq!(finds("a+b://foo"), ["a+b://foo"]);
        assert!(finds("Lưu ý: xem kỹ").is_empty());
        assert!(finds("Gói data: 5GB").is_empty());
        assert!(finds("file:// ").is_empty());
        assert!(finds("http://.").is_empty());
        assert!(finds("example.com:8080").is_empty());
    }

    #[test]
    fn obfuscated_schemes() {
        assert_eq!(finds("vào h t t p s : / / abc"), ["h t t p s : / / abc"]);
        assert_eq!(finds("h**p://abc"), ["h**p://abc"]);
        assert_eq!(finds("hxxp://abc"), ["hxxp://abc"]);
        assert!(finds("http không").is_empty());
    }

    #[test]
    fn markup() {
        assert_eq!(
            finds(r#"<a class="x" href="/y">z</a>"#),
            [r#"<a class="x" href="/y""#]
        );
        assert_eq!(finds("[bấm đây](abc)"), ["[bấm đây](abc)"]);
        assert_eq!(finds("[url=abc]x[/url]"), ["[url=abc]"]);
        assert_eq!(finds("//example.com"), ["//example.com"]);
        assert_eq!(finds("//localhost"), ["//localhost"]);
        assert!(finds("a // b").is_empty());
        assert!(finds("//test").is_empty());
        assert!(finds("[chú thích] (xem)").is_empty());
    }
}
