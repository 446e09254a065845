"""Draws the labelling samples; writes ids only, one a line, to ../samples/NAME.txt.

Each sample: its pool in corpus order (vihsd-train, vispam-train, ubs train, each in
file order), then random.Random(2026).sample(pool, n) -- a fresh generator per sample.
"""
import random
import re

import corpus

SEED = 2026
# A letter written three or more times in a row inside a word ("luônnnn", "đẹppppp").
STRETCH = re.compile(r"([^\W\d_])\1\1", re.IGNORECASE)
URLISH = re.compile(r"https?://|www\.|\.(com|vn|net|org)\b", re.IGNORECASE)


def stretched(text):
    return any(STRETCH.search(tok) and not URLISH.search(tok) for tok in text.split())


def main():
    data = corpus.load()
    by_verdict = {}
    for cid, (text, v) in data.items():
        if text.strip():
            by_verdict.setdefault(v["diacritics"]["verdict"], []).append(cid)
    pools = {
        "thieu-dau": (by_verdict["thieu-dau"], 150),
        "khong-dau": (by_verdict["khong-dau"], 150),
        "co-dau": (by_verdict["co-dau"], 100),
        "undetermined": (by_verdict["undetermined"], 60),
        # Only a comment the rules count short can be counted short because of stretching.
        "stretched": ([c for c, (t, v) in data.items() if stretched(t) and v["words"] < 10], 60),
    }
    # Near the threshold: the rules count 5 to 9 words, so one or two uncounted stretched
    # words can decide; drawn apart from the "stretched" sample.
    first = set(random.Random(SEED).sample(pools["stretched"][0], min(60, len(pools["stretched"][0]))))
    near = [c for c, (t, v) in data.items()
            if stretched(t) and 5 <= v["words"] < 10 and c not in first]
    ids = random.Random(SEED).sample(near, min(40, len(near)))
    with open("../samples/stretched-near.txt", "w") as f:
        f.write("".join(i + "\n" for i in ids))
    print(f"stretched-near: pool {len(near)}, sampled {len(ids)}")
    all_stretched = sum(1 for t, v in data.values() if stretched(t))
    for name, (pool, n) in pools.items():
        ids = random.Random(SEED).sample(pool, min(n, len(pool)))
        with open(f"../samples/{name}.txt", "w") as f:
            f.write("".join(i + "\n" for i in ids))
        print(f"{name}: pool {len(pool)}, sampled {len(ids)}")
    print(f"stretched comments in all: {all_stretched}")


if __name__ == "__main__":
    main()
