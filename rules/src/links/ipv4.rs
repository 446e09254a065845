//! IPv4 addresses: four parts of 0–255 without leading zeros, standing alone. Not when the
//! shape is a Vietnamese price or count with thousands separators (`1.250.000.000`,
//! `2.100.100.100`) or a unit follows (`1.2.3.4 đồng`, `%`), unless a `/` or `:port` follows.

use super::chars::ends_word;
use super::shadow::match_word;
use super::{tail_end, Found};
use crate::verdict::LinkRule;

/// Units and currencies after which a dotted number is an amount (NFC and NFD forms).
const UNITS: [&str; 14] = [
    "đ",
    "đồng",
    "đo\u{302}\u{300}ng",
    "vnđ",
    "vnd",
    "triệu",
    "trie\u{302}\u{323}u",
    "tỷ",
    "ty\u{309}",
    "tỉ",
    "ti\u{309}",
    "usd",
    "nghìn",
    "ngàn",
];

/// Adds every IPv4 address in `chars` to `out`.
pub(super) fn find(chars: &[char], out: &mut Vec<Found>) {
    let mut i = 0;
    while i < chars.len() {
        let starts =
            chars[i].is_ascii_digit() && (i == 0 || !(ends_word(chars, i) || chars[i - 1] == '.'));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
            end += 1;
        }
        if let Some(found) = address(chars, i, end) {
            i = found.end;
            out.push(found);
        } else {
            i = end;
        }
    }
}

/// The address in the run of digits and dots `[start, run_end)`, if it is one.
fn address(chars: &[char], start: usize, run_end: usize) -> Option<Found> {
    // One trailing dot ends a sentence; anything else after the fourth part spoils it.
    let end = if chars[run_end - 1] == '.' {
        run_end - 1
    } else {
        run_end
    };
    if chars.get(end).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let parts: Vec<&[char]> = chars[start..end].split(|&c| c == '.').collect();
    let valid = parts.len() == 4
        && parts.iter().all(|p| {
            let value = p
                .iter()
                .fold(0u32, |v, c| v * 10 + c.to_digit(10).unwrap_or(0));
            (1..=3).contains(&p.len()) && value <= 255 && (p.len() == 1 || p[0] != '0')
        });
    if !valid {
        return None;
    }
    let port = chars.get(end) == Some(&':') && chars.get(end + 1).is_some_and(char::is_ascii_digit);
    let slash = end == run_end && chars.get(end) == Some(&'/');
    if !(port || slash) {
        let thousands = parts[1..].iter().all(|p| p.len() == 3);
        let mut u = end;
        while chars.get(u) == Some(&' ') && u - end < 2 {
            u += 1;
        }
        let unit =
            chars.get(u) == Some(&'%') || UNITS.iter().any(|w| match_word(chars, u, w).is_some());
        if thousands || unit {
            return None;
        }
    }
    let mut link_end = end;
    if port {
        link_end += 1;
        while chars.get(link_end).is_some_and(char::is_ascii_digit) {
            link_end += 1;
        }
    }
    if chars.get(link_end) == Some(&'/') {
        link_end = tail_end(chars, link_end);
    }
    Some(Found {
        start,
        end: link_end,
        rule: LinkRule::Ipv4,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    fn finds(s: &str) -> Vec<String> {
        super::super::scan_texts(find, s)
    }

    #[test]
    fn addresses() {
        assert_eq!(finds("máy chủ 192.168.1.1 lỗi"), ["192.168.1.1"]);
        assert_eq!(finds("4.4.4.4."), ["4.4.4.4"]);
        assert_eq!(finds("192.168.1.1/abc"), ["192.168.1.1/abc"]);
        assert_eq!(finds("2.100.100.100/x"), ["2.100.100.100/x"]);
        assert_eq!(finds("10.0.0.1:8080"), ["10.0.0.1:8080"]);
        for no in [
            "1.2.3.4.5",
            "1.2.3",
            "1.2.3.400",
            "1000.2.3.4",
            "a1.2.3.4",
            "1.2.3.4a",
            "01.2.3.4",
            "1.250.000.000",
            "2.100.100.100",
            "1.2.3.4 đồng",
            "1.2.3.4%",
            "1.2.3.4 tỷ",
        ] {
            assert!(finds(no).is_empty(), "{no}");
        }
    }
}
