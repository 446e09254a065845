//! `src/links/tld_data.rs`: the IANA names of `data/links/iana_tlds.tsv` with the tiers of
//! `data/links/spam_tlds.txt`, in the front-coded form `links::tld` searches, and the
//! words of `data/links/sentence_tlds.txt`.

use std::collections::{BTreeMap, BTreeSet};

use super::{assert_committed, data, header};

/// The ASCII names of the tsv in lower case: the Unicode ones are there in their `xn--`
/// form (`tld.rs` encodes a Unicode key to look it up). Sorted by bytes.
fn tlds() -> BTreeSet<String> {
    data("data/links/iana_tlds.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .flat_map(|line| line.split('\t'))
        .map(|form| form.trim().to_lowercase())
        .filter(|form| form.is_ascii())
        .collect()
}

/// The names of `spam_tlds.txt` with their tier mark: `!` for `any`, `/` for `slash`.
fn spam_marks() -> BTreeMap<String, char> {
    let mut marks = BTreeMap::new();
    let lines = data("data/links/spam_tlds.txt");
    let lines = lines
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [name, tier] = fields[..] else {
            panic!("spam_tlds.txt: {line:?} is not `NAME TIER`")
        };
        let mark = match tier {
            "any" => '!',
            "slash" => '/',
            _ => panic!("spam_tlds.txt: unknown tier {tier:?}"),
        };
        let twice = marks.insert(name.to_owned(), mark).is_some();
        assert!(!twice, "spam_tlds.txt lists {name} twice");
    }
    marks
}

/// The names of `sentence_tlds.txt`, sorted: each must be an IANA name of `names`.
fn sentence_words(names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let lines = data("data/links/sentence_tlds.txt");
    for line in lines.lines().map(str::trim) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        assert!(
            names.contains(line),
            "sentence_tlds.txt: {line:?} is not an IANA name"
        );
        assert!(
            words.insert(line.to_owned()),
            "sentence_tlds.txt lists {line} twice"
        );
    }
    words
}

fn generate() -> String {
    let names = tlds();
    let marks = spam_marks();
    let unknown: Vec<&String> = marks.keys().filter(|name| !names.contains(*name)).collect();
    assert!(
        unknown.is_empty(),
        "spam-prone names that are not IANA names: {unknown:?}"
    );
    let mut entries = Vec::new();
    let mut previous = "";
    for name in &names {
        let shared = name
            .bytes()
            .zip(previous.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        assert!(shared < 26, "{name} shares too long a prefix to front-code");
        let mut entry = String::from(char::from(b'A' + shared as u8));
        entry += &name[shared..];
        entry.extend(marks.get(name));
        entries.push(entry);
        previous = name;
    }
    let words = sentence_words(&names);
    let quoted: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
    header(
        "tlds.rs",
        "`data/links/iana_tlds.tsv`,\n//! `data/links/spam_tlds.txt` and `data/links/sentence_tlds.txt`",
    ) + "/// Every IANA top-level domain in lower case, ASCII and `xn--` forms, sorted and\n\
         /// front-coded: each name is a capital letter saying how many bytes it\n\
         /// shares with the name before (`A` none, `B` one ...) and the bytes that follow;\n\
         /// a spam-prone one is marked after it, `!` if it counts in any letter case and after\n\
         /// a disguised dot, `/` if only when a `/` follows.\n\
         pub(super) const TLDS: &str = \""
        + &entries.join("\\\n")
        + "\";\n\n\
           /// Top-level domains that are also words of a sentence (`shop`, `net`, `kg` ...),\n\
           /// sorted: after a Vietnamese word and a plain dot they start the next sentence.\n"
        + &format!(
            "pub(super) const SENTENCE_WORDS: [&str; {}] = [{}];\n",
            words.len(),
            quoted.join(", ")
        )
}

#[test]
fn tld_data_is_up_to_date() {
    assert_committed("src/links/tld_data.rs", &generate());
}
