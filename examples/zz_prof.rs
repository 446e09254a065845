use binhluan::rules::{text, typing, words};
use std::time::Instant;
fn main() {
    let a = include_str!("../tests/data/laocaitv-article.txt");
    let t: String = a.chars().cycle().take(100_000).collect();
    let s = Instant::now();
    let toks = text::tokens(&t);
    println!("tokens {:?}", s.elapsed());
    let s = Instant::now();
    let w = words::analyse(toks);
    println!("analyse {:?}", s.elapsed());
    let s = Instant::now();
    words::count(&w);
    println!("count {:?}", s.elapsed());
    let s = Instant::now();
    typing::hint(&t, binhluan::rules::diacritics::judge(&w, 0.8).marked);
    println!("hint {:?}", s.elapsed());
}
