//! `cargo bench --bench links`: throughput of `find_links` on Vietnamese prose of about
//! 100, 1,000 and 100,000 characters, without links, with one link in the middle and
//! with many (13 in 1,000 characters), then on 1 MB and 2 MB of
//! adversarial patterns (the 2 MB time should be about twice the 1 MB one: linear).
//! Plain `std::time`, a fraction of a second per row.

use binhluan_rules::links::find_links;
use std::hint::black_box;
use std::time::{Duration, Instant};

const PROSE: &str = "Theo đánh giá của Sở Thông tin và Truyền thông, 7 tháng qua, sở đã làm tốt \
vai trò quản lý Nhà nước về lĩnh vực bưu chính - viễn thông, TP.HCM và Hà Nội.Ca sĩ hát 38.500 \
bài, v.v. ";
const LINKS: &str = "Vào nhacai88.com hoặc https://bit.ly/abc, www.w88 chấm vip nhé, email \
hotro@nhacai.vn, máy chủ 192.168.1.1 ";

/// `chars` characters of `unit` repeated (cut on a character boundary).
fn text(unit: &str, chars: usize) -> String {
    unit.chars().cycle().take(chars).collect()
}

/// Megabytes per second of `find_links` over `input`, run for about 200 ms.
fn throughput(input: &str) -> (f64, usize) {
    let mut runs = 0u32;
    let mut links = 0;
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(200) || runs == 0 {
        links = black_box(find_links(black_box(input), true)).len();
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    (input.len() as f64 / secs / 1e6, links)
}

fn main() {
    println!(
        "{:<34} {:>9} {:>9} {:>7}",
        "input", "bytes", "MB/s", "links"
    );
    for chars in [100, 1_000, 100_000] {
        let mixed = format!("{LINKS}{}", PROSE.repeat(2));
        let half = text(PROSE, chars / 2);
        let one = format!("{half}xem nhacai88.com nhé {half}");
        for (name, input) in [
            ("prose", text(PROSE, chars)),
            ("prose with one link", one),
            ("prose with links", text(&mixed, chars)),
        ] {
            let (mbs, links) = throughput(&input);
            println!(
                "{:<34} {:>9} {:>9.1} {:>7}",
                format!("{name}, {chars} chars"),
                input.len(),
                mbs,
                links
            );
        }
    }
    for pattern in [
        ".", "www.", "a.", "1.2.3.", "a@", "h t t p ", "[url", "&#4", " chấm ", "to.",
    ] {
        for mb in [1, 2] {
            let input = pattern.repeat((mb << 20) / pattern.len());
            let start = Instant::now();
            black_box(find_links(black_box(&input), true));
            let ms = start.elapsed().as_secs_f64() * 1e3;
            println!(
                "{:<34} {:>9} {:>9.1} {:>7}",
                format!("{pattern:?} x {mb} MB"),
                input.len(),
                input.len() as f64 / ms / 1e3,
                format!("{ms:.0}ms")
            );
        }
    }
}
