"""Shows the next unlabelled comments of a sample: show.py SAMPLE TSV [N].

Prints to the terminal only (never to a file): position, id, the rules' verdict, d and
word count, then the text. Stretched words are bracketed with [[...]] for the stretched
sample.
"""
import os
import sys

import corpus
from sample import STRETCH

sample, tsv = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
ids = open(f"../samples/{sample}.txt").read().split()
done = set()
if os.path.exists(tsv):
    done = {l.split("\t")[0] for l in open(tsv).read().splitlines()[1:]}
todo = [i for i in ids if i not in done][:n]
items = dict(corpus.comments())
sel = [(i, items[i]) for i in todo]
for (i, t), v in zip(sel, corpus.verdicts(sel)):
    if sample == "stretched":
        t = " ".join(f"[[{w}]]" if STRETCH.search(w) else w for w in t.split())
    print(f"{ids.index(i)} {i} | {v['diacritics']['verdict']} d={v['diacritics']['d']:.2f} w={v['words']}")
    print("   ", t.replace("\n", " ")[:700])
print(f"-- {len(done & set(ids))} done of {len(ids)}")
