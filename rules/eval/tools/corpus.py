"""Load the three train sets and run the current rules over them.

Nothing here writes comment text to disk: the rules binary gets the text on a pipe and
only ids, verdicts and word counts are kept.
"""
import json
import subprocess

CORPORA = "../shared/corpora"
CHECK = "/work/wt-labels/target/release/examples/check"


def comments():
    """(id, text) for every comment of vihsd-train, vispam-train and ubs train, in file order."""
    out = []
    for name in ("vihsd-train", "vispam-train"):
        with open(f"{CORPORA}/real-comments/{name}.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    obj = json.loads(line)
                    out.append((obj["id"], obj["text"]))
    with open(f"{CORPORA}/ubs-bank-comments/train.txt", encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline ending the last line does not start a line
    for n, line in enumerate(lines):
        words = [w for w in line.split() if not w.startswith("__label__")]
        out.append((f"ubs-train-{n}", " ".join(words)))
    return out


def verdicts(items):
    """The rules' verdict (a dict) for each (id, text), in order."""
    data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for _, t in items)
    res = subprocess.run([CHECK], input=data.encode(), capture_output=True, check=True)
    lines = res.stdout.decode().splitlines()
    assert len(lines) == len(items)
    return [json.loads(l) for l in lines]


def load():
    """{id: (text, verdict)} in file order."""
    items = comments()
    return {i: (t, v) for (i, t), v in zip(items, verdicts(items))}
