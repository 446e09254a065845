"""Counts per label and per sample of rules/eval/links.tsv (and the rules' verdict on each)."""
import collections

import lcorpus

LABELS = "rules/eval/links.tsv"
SAMPLES = ["alarms", "alarms-test", "recall", "recall-test", "strict", "extra"]


def main():
    with open(LABELS) as f:
        lines = f.read().splitlines()
    assert lines[0] == "id\tlabel"
    lab = dict(l.split("\t") for l in lines[1:])
    assert len(lab) == len(lines) - 1, "an id appears twice"
    v = lcorpus.verdicts(lcorpus.comments())
    print("all", len(lab), dict(collections.Counter(lab.values())))
    for s in SAMPLES:
        ids = open(f"rules/eval/samples/links-{s}.txt").read().split()
        missing = [i for i in ids if i not in lab]
        c = collections.Counter(lab[i] for i in ids if i in lab)
        flagged = collections.Counter((lab[i], bool(v[i].get("links"))) for i in ids if i in lab)
        print(f"{s:12} n={len(ids):4} labelled={len(ids) - len(missing):4} {dict(c)}"
              f"  (label, rules-flag): {dict(flagged)}")
    by_set = collections.Counter((i.rsplit("-", 1)[0], l) for i, l in lab.items())
    print("per set:", dict(sorted(by_set.items())))


if __name__ == "__main__":
    main()
