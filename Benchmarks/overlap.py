#!/usr/bin/env python3
"""Top-10 overlap of queries as people type them with the query as meant, read and as typed.

For each pair `typed|meant` (default: the examples of issue 12), runs
`BIN search TYPED --json --limit 10` with and without --as-typed and
`BIN search MEANT --json --limit 10`, and prints how many of the meant query's top 10
each finds, and whether the top article is the same.

    python3 Benchmarks/overlap.py --index IDX [--bin .build/release/vietsearch] ["typed|meant" ...]
"""

import argparse
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAIRS = [
    "giá vang hôm nay|giá vàng hôm nay", "tuyển sinh đai hoc|tuyển sinh đại học",
    "bóng da Việt Nam|bóng đá Việt Nam", "Ha Noi ngập lụt|Hà Nội ngập lụt",
    "sôt xuât huyêt|sốt xuất huyết", "chính phũ|chính phủ", "sinh hoatj chi booj|sinh hoạt chi bộ",
    "tai nanj giao thoong|tai nạn giao thông", "Haf Nooij|Hà Nội", "gia1o du5c|giáo dục",
]


def top(binary, index, query, *flags):
    out = subprocess.run([binary, "search", query, "--index", index, "--json", "--limit", "10", *flags],
                         capture_output=True, text=True, check=True).stdout
    return [hit["id"] for hit in json.loads(out)["hits"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "vietsearch"))
    ap.add_argument("--index", required=True)
    ap.add_argument("pairs", nargs="*", default=PAIRS)
    args = ap.parse_args()
    print("| typed | meant | overlap, read | overlap, --as-typed | same top, read |")
    print("|---|---|---:|---:|---|")
    for pair in args.pairs:
        typed, meant = pair.split("|")
        ref = top(args.bin, args.index, meant)
        read = top(args.bin, args.index, typed)
        as_typed = top(args.bin, args.index, typed, "--as-typed")
        print(f"| `{typed}` | `{meant}` | {len(set(ref) & set(read))}/10 | {len(set(ref) & set(as_typed))}/10 "
              f"| {'yes' if read[:1] == ref[:1] else 'no'} |")


if __name__ == "__main__":
    main()
