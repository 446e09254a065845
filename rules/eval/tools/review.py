"""Prints (terminal only) each labelled comment of a sample, short, to check my labels."""
import sys

import corpus

sample, tsv = sys.argv[1], sys.argv[2]
ids = open(f"../samples/{sample}.txt").read().split()
lab = dict(l.split("\t") for l in open(tsv).read().splitlines()[1:])
items = dict(corpus.comments())
for n, i in enumerate(ids):
    if i in lab:
        print(f"{n:3} {lab[i][:8]:8} {i:20} {items[i][:70]!r}")
