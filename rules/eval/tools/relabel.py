"""Corrects my own labels: relabel.py TSV ID=CODE ... (codes as in add.py)."""
import sys

from add import CODES  # noqa: E402  (add.py only runs its body under __main__)

tsv = sys.argv[1]
changes = dict(a.split("=") for a in sys.argv[2:])
lines = open(tsv).read().splitlines()
out = [lines[0]]
for line in lines[1:]:
    cid, label = line.split("\t")
    if cid in changes:
        label = CODES[changes.pop(cid)]
    out.append(f"{cid}\t{label}")
assert not changes, f"not found: {changes}"
open(tsv, "w").write("\n".join(out) + "\n")
