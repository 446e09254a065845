//! The Vietnamese side of the evaluation: diacritics verdicts, word counts, the pass rate.

use crate::judgements::Judgements;
use crate::{share, Checked};
use binhluan_rules::{DiacriticsVerdict, Problem};
use std::collections::{BTreeMap, HashMap};

fn name(verdict: DiacriticsVerdict) -> &'static str {
    match verdict {
        DiacriticsVerdict::CoDau => "có dấu",
        DiacriticsVerdict::ThieuDau => "thiếu dấu",
        DiacriticsVerdict::KhongDau => "không dấu",
        DiacriticsVerdict::Undetermined => "undetermined",
    }
}

/// Whether the rules refuse the comment for its diacritics.
fn refused_for_diacritics(c: &Checked) -> bool {
    c.verdict.problems.contains(&Problem::NoDiacritics)
}

/// Per set: the share in each verdict, the word counts, the pass rate, the hints.
pub fn report(checked: &[Checked]) {
    let total = checked.len();
    let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut buckets = [0usize; 6];
    let mut hints: BTreeMap<String, usize> = BTreeMap::new();
    let mut suspects: BTreeMap<String, usize> = BTreeMap::new();
    let mut passed = 0;
    for c in checked {
        let v = &c.verdict;
        *verdicts.entry(name(v.diacritics.verdict)).or_default() += 1;
        buckets[match v.words {
            0 => 0,
            1..=4 => 1,
            5..=9 => 2,
            10..=19 => 3,
            20..=49 => 4,
            _ => 5,
        }] += 1;
        for h in &v.hints {
            *hints.entry(format!("{:?}", h.kind)).or_default() += 1;
        }
        for s in &v.suspects {
            *suspects.entry(s.text.to_lowercase()).or_default() += 1;
        }
        passed += usize::from(v.ok);
    }
    println!("diacritics verdict");
    for (name, n) in &verdicts {
        println!("  {name:<14} {}", share(*n, total));
    }
    println!("words (chữ tiếng Việt counted)");
    for (label, n) in ["0", "1-4", "5-9", "10-19", "20-49", "50+"]
        .iter()
        .zip(buckets)
    {
        println!("  {label:<14} {}", share(n, total));
    }
    println!("passes both rules (default rules)");
    println!("  {:<14} {}", "ok", share(passed, total));
    let mut top: Vec<_> = suspects.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let top: Vec<String> = top
        .iter()
        .take(25)
        .map(|(w, n)| format!("{w} {n}"))
        .collect();
    println!("suspects most often reported: {}", top.join(", "));
    if !hints.is_empty() {
        let hints: Vec<String> = hints.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!("hints: {}", hints.join(", "));
    }
}

/// Against the hand judgements: how often each judged kind of text is refused.
pub fn judge(all: &[Checked], judged: &Judgements) {
    let mut table: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut refused: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in all {
        let Some(label) = judged.diacritics.get(&c.comment.id) else {
            continue;
        };
        *table
            .entry((label.as_str(), name(c.verdict.diacritics.verdict)))
            .or_default() += 1;
        let entry = refused.entry(label.as_str()).or_default();
        entry.0 += usize::from(refused_for_diacritics(c));
        entry.1 += 1;
    }
    println!("diacritics: judged label → refused for diacritics");
    for (label, (n, of)) in &refused {
        println!("  {label:<16} {}  of {of}", share(*n, *of));
    }
    println!("diacritics: judged label × verdict");
    for ((label, verdict), n) in &table {
        println!("  {label:<16} {verdict:<14} {n:6}");
    }
    let by_id: HashMap<&str, &Checked> = all.iter().map(|c| (c.comment.id.as_str(), c)).collect();
    println!("diacritics over every train comment (each sample weighted by its pool):");
    let estimate = |label: &str, what: &str, hit: &dyn Fn(&Checked) -> bool| {
        let (mut hits, mut of) = (0.0, 0.0);
        let mut parts = Vec::new();
        for stratum in &judged.strata {
            let checked: Vec<&Checked> = stratum
                .ids
                .iter()
                .filter(|id| judged.diacritics.get(*id).is_some_and(|l| l == label))
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            let n = checked.iter().filter(|c| hit(c)).count();
            let weight = stratum.pool as f64 / stratum.ids.len().max(1) as f64;
            hits += weight * n as f64;
            of += weight * checked.len() as f64;
            parts.push(format!("{} {n}/{}", stratum.name, checked.len()));
        }
        println!(
            "  {label} {what}: {:5.2}%  ({})",
            100.0 * hits / of.max(1.0),
            parts.join(", ")
        );
    };
    estimate(
        "marked",
        "refused for diacritics (target < 2%)",
        &refused_for_diacritics,
    );
    estimate("unmarked", "judged có dấu (a miss)", &|c| {
        c.verdict.diacritics.verdict == DiacriticsVerdict::CoDau
    });
    let unjudged = all
        .iter()
        .filter(|c| refused_for_diacritics(c) && !judged.diacritics.contains_key(&c.comment.id))
        .count();
    println!("diacritics: refused for diacritics without a judgement: {unjudged}");
}

/// Against the stretched-letter judgements: comments of 10+ real words once stretched
/// letters count, still refused for too few words.
pub fn judge_stretched(all: &[Checked], judged: &Judgements) {
    let short: Vec<&Checked> = all
        .iter()
        .filter(|c| {
            judged.stretched.get(&c.comment.id).map(String::as_str)
                == Some("stretched-counts-short")
        })
        .collect();
    let still = short
        .iter()
        .filter(|c| c.verdict.problems.contains(&Problem::TooFewWords))
        .count();
    println!(
        "stretched letters: judged 10+ words, still refused for too few words: {still} of {}",
        short.len()
    );
}
