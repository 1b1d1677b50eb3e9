#!/usr/bin/env python3
"""Build the "ten times vinews" corpus of the indexing benchmarks in a folder of your choice.

Every article of ../shared/corpus/vinews-baomoi (JSON Lines) appears ten times, copy k
with its id suffixed `-x<k>`, the lines of all copies in one shuffled order
(random.Random(--seed)), cut into files of --per-file lines. Nothing else changes: the
texts are the same, so an index of it holds ten times the postings of vinews with the same
vocabulary.

    python3 Benchmarks/make_x10.py /tmp/x10            # then: vietsearch index /tmp/x10

The corpus is never copied into the repository; the folder must be empty or absent.
"""

import argparse
import glob
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="folder to write (empty or absent)")
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus", "vinews-baomoi"))
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--per-file", type=int, default=35431, help="lines per output file")
    args = ap.parse_args()

    files = sorted(glob.glob(os.path.join(args.corpus, "*.jsonl")))
    if not files:
        sys.exit("no .jsonl files in %s" % args.corpus)
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit("%s is not empty: give an empty or new folder" % args.out)
    os.makedirs(args.out, exist_ok=True)

    lines = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            lines.extend(line for line in fh if line.strip())
    order = [(k, i) for k in range(args.copies) for i in range(len(lines))]
    random.Random(args.seed).shuffle(order)

    written = 0
    for start in range(0, len(order), args.per_file):
        name = os.path.join(args.out, "copy-%03d.jsonl" % (start // args.per_file))
        with open(name, "w", encoding="utf-8") as out:
            for k, i in order[start:start + args.per_file]:
                record = json.loads(lines[i])
                record["id"] = "%s-x%d" % (record.get("id", i), k)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    print("%d records (%d articles x %d) in %s" % (written, len(lines), args.copies, args.out))


if __name__ == "__main__":
    main()
