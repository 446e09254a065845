"""Append my judgements: python3 add.py SAMPLE 'IDX:L IDX:N ...' (L = link, N = not-link).

IDX is the position in rules/eval/samples/links-SAMPLE.txt as printed by show.py. An id
already in links.tsv is not written again (an id appears once); a conflicting label is reported.
"""
import sys

LABELS = "rules/eval/links.tsv"
CODES = {"L": "link", "N": "not-link"}


def main():
    name, spec = sys.argv[1], sys.argv[2]
    ids = open(f"rules/eval/samples/links-{name}.txt").read().split()
    have = {}
    with open(LABELS) as f:
        for line in f.read().splitlines()[1:]:
            i, lab = line.split("\t")
            have[i] = lab
    new = []
    for item in spec.split():
        idx, code = item.split(":")
        i, lab = ids[int(idx)], CODES[code.upper()]
        if i in have:
            if have[i] != lab:
                print(f"CONFLICT {idx} {i}: had {have[i]}, now {lab}")
            continue
        have[i] = lab
        new.append(f"{i}\t{lab}\n")
    with open(LABELS, "a") as f:
        f.writelines(new)
    print(f"added {len(new)}; total {len(have)}")


if __name__ == "__main__":
    main()
