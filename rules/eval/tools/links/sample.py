"""Draw the link-rule samples (ids only) into rules/eval/samples/links-*.txt.

ALARMS      every comment of a train set where the current rules report >= 1 link (a census:
            there are fewer than 300), listed in a seed-2026 shuffled order.
ALARMS-TEST the same over ubs test.
RECALL      300 drawn at random (random.Random(2026).sample) from the pooled train-set comments
            that the rules do not flag but that match patterns.BROAD (proportional by size).
RECALL-TEST 40 drawn the same way (random.Random(2026)) from the ubs test candidates.
STRICT      every unflagged comment of any set matching patterns.STRICT (a census).
EXTRA       every unflagged comment of any set not in STRICT matching any of patterns.EXTRA.
"""
import random

import lcorpus
import patterns

SEED = 2026
OUT = "rules/eval/samples"


def write(name, ids):
    with open(f"{OUT}/links-{name}.txt", "w") as f:
        f.writelines(i + "\n" for i in ids)
    print(name, len(ids))


def main():
    rows = lcorpus.comments()
    v = lcorpus.verdicts(rows)
    flagged = lambda i: bool(v[i].get("links"))
    train = [(s, i, t) for s, i, t in rows if s in lcorpus.TRAIN_SETS]
    test = [(s, i, t) for s, i, t in rows if s == "ubs-test"]

    alarms = [i for _, i, _ in train if flagged(i)]
    random.Random(SEED).shuffle(alarms)
    write("alarms", alarms)
    alarms_t = [i for _, i, _ in test if flagged(i)]
    random.Random(SEED).shuffle(alarms_t)
    write("alarms-test", alarms_t)

    cand = [i for _, i, t in train if not flagged(i) and patterns.BROAD.search(t)]
    write("recall", random.Random(SEED).sample(cand, 300))
    cand_t = [i for _, i, t in test if not flagged(i) and patterns.BROAD.search(t)]
    write("recall-test", random.Random(SEED).sample(cand_t, 40))

    write("strict", [i for _, i, t in rows if not flagged(i) and patterns.STRICT.search(t)])
    write("extra", [i for _, i, t in rows if not flagged(i) and not patterns.STRICT.search(t)
                    and any(p.search(t) for p in patterns.EXTRA)])


if __name__ == "__main__":
    main()
