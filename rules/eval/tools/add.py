"""Appends my labels: add.py SAMPLE TSV CODES -- one code per next unlabelled id, in show.py's order.

Codes: m marked, u unmarked, p partial, n not-vietnamese, t too-short;
       s stretched-counts-short, o ok (stretched sample).
"""
import os
import sys

CODES = {"m": "marked", "u": "unmarked", "p": "partial", "n": "not-vietnamese", "t": "too-short",
         "s": "stretched-counts-short", "o": "ok"}


def main():
    sample, tsv, codes = sys.argv[1], sys.argv[2], sys.argv[3].replace(" ", "")
    ids = open(f"../samples/{sample}.txt").read().split()
    if not os.path.exists(tsv):
        open(tsv, "w").write("id\tlabel\n")
    done = {l.split("\t")[0] for l in open(tsv).read().splitlines()[1:]}
    todo = [i for i in ids if i not in done][: len(codes)]
    assert len(todo) == len(codes), (len(todo), len(codes))
    with open(tsv, "a") as f:
        for i, c in zip(todo, codes):
            f.write(f"{i}\t{CODES[c]}\n")
    print(f"added {len(codes)}; {len(done) + len(codes)} in {tsv}")


if __name__ == "__main__":
    main()
