"""Show comments of a sample for reading: python3 show.py SAMPLE [FROM [COUNT]].

Prints id, the set, the rules' link spans (marked ⟦…⟧ in the text) and the text. Skips ids
already in rules/eval/links.tsv. Display only: never writes anything.
"""
import re
import sys

import lcorpus
import patterns

LONG = 500
CAP = 1500

LABELS = "rules/eval/links.tsv"


def done():
    try:
        with open(LABELS) as f:
            return {l.split("\t")[0] for l in f.read().splitlines()[1:] if l}
    except FileNotFoundError:
        return set()


def marked(text, links):
    out, pos = [], 0
    # spans are UTF-16 code-unit offsets (the widget's JavaScript strings)
    b = text.encode("utf-16-le")
    d = lambda x, y: b[2 * x:2 * y if y is not None else None].decode("utf-16-le", errors="replace")
    for l in sorted(links, key=lambda l: l["start"]):
        out.append(d(pos, l["start"]))
        out.append("⟦" + d(l["start"], l["end"]) + "⟧")
        pos = l["end"]
    out.append(d(pos, None))
    return "".join(out)


def windows(shown):
    """Long texts: only 90 characters around each flagged span and each link-like spot."""
    spots = [(m.start(), m.end()) for m in re.finditer(r"⟦[^⟧]*⟧", shown)]
    spots += [(m.start(), m.end()) for m in patterns.BROAD.finditer(shown)]
    spans = sorted((max(0, a - 90), min(len(shown), b + 90)) for a, b in spots)
    merged = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    parts = [shown[a:b].replace("\n", " ⏎ ") for a, b in merged[:12]]
    more = f" …(+{len(merged) - 12} spots)" if len(merged) > 12 else ""
    body = " … ".join(parts)
    if len(body) > CAP:
        body = body[:CAP] + " …[cut]"
    return f"[{len(shown)} chars] …" + body + "…" + more


def main():
    name = sys.argv[1]
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    ids = open(f"rules/eval/samples/links-{name}.txt").read().split()
    rows = lcorpus.comments()
    text = {i: t for _, i, t in rows}
    v = lcorpus.verdicts(rows)
    seen = done()
    for n, i in enumerate(ids[start:start + count], start):
        if i in seen:
            continue
        links = v[i].get("links") or []
        rules = ",".join(l.get("rule", "?") for l in links)
        print(f"--- {n} {i} [{rules}]")
        shown = marked(text[i], links)
        if len(shown) > LONG:
            shown = windows(shown)
        print(shown)


if __name__ == "__main__":
    main()
