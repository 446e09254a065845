"""Load the real-comment corpora with their ids and run the current rules on them (link labelling).

Texts are never written under rules/eval; the rules' verdicts are cached in /tmp/linkwork
(they contain comment text) and rebuilt when missing.
"""
import json
import os
import subprocess

CORPORA = "../shared/corpora"
CHECK = "target/release/examples/check"
CACHE = "/tmp/linkwork/verdicts.jsonl"

TRAIN_SETS = ["vihsd-train", "vispam-train", "ubs-train"]
ALL_SETS = TRAIN_SETS + ["ubs-test"]


def _jsonl(name):
    with open(f"{CORPORA}/real-comments/{name}.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                yield obj["id"], obj["text"]


def _ubs(split):
    # Every line counts for the id, even an empty one; the newline ending the file starts none.
    with open(f"{CORPORA}/ubs-bank-comments/{split}.txt", encoding="utf-8", newline="") as f:
        data = f.read()
    lines = data.split("\n")
    if data.endswith("\n"):
        lines = lines[:-1]
    for n, line in enumerate(lines):
        words = [w for w in line.split() if not w.startswith("__label__")]
        yield f"ubs-{split}-{n}", " ".join(words)


def comments():
    """Ordered list of (set, id, text) over every set."""
    out = []
    for name in ("vihsd-train", "vispam-train"):
        out += [(name, i, t) for i, t in _jsonl(name)]
    for split in ("train", "test"):
        out += [(f"ubs-{split}", i, t) for i, t in _ubs(split)]
    return out


def verdicts(rows):
    """id -> verdict dict of the current rules, cached."""
    if not os.path.exists(CACHE):
        os.makedirs(os.path.dirname(CACHE), exist_ok=True)
        payload = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for _, _, t in rows)
        res = subprocess.run([CHECK], input=payload.encode(), capture_output=True, check=True)
        outs = res.stdout.decode().split("\n")[: len(rows)]
        assert len(outs) == len(rows), (len(outs), len(rows))
        with open(CACHE, "w", encoding="utf-8") as f:
            for (_, i, _), o in zip(rows, outs):
                f.write(json.dumps({"id": i, "v": json.loads(o)}, ensure_ascii=False) + "\n")
    out = {}
    with open(CACHE, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            out[obj["id"]] = obj["v"]
    return out
