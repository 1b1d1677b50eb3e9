#!/usr/bin/env python3
"""Writes a copy of a JSONL corpus with a date and a source URL on every article, for
timing date filters and date order (`vietsearch bench --since`, `--sort`): vinews-baomoi
has no dates. Each article gets a day from 2010-01-01 to 2024-12-31 and one of eight
newspaper hosts, both drawn from a hash of its id (the same every run); one article in
twenty keeps no date, as real archives have some.

    python3 Benchmarks/make_dated.py ../shared/corpus/vinews-baomoi /tmp/vinews-dated
"""
import datetime
import hashlib
import json
import os
import sys

HOSTS = ["nhandan.vn", "baochinhphu.vn", "tuoitre.vn", "thanhnien.vn", "vnexpress.net",
         "dangcongsan.vn", "qdnd.vn", "laodong.vn"]
FIRST = datetime.date(2010, 1, 1)
DAYS = (datetime.date(2024, 12, 31) - FIRST).days + 1


def main(source, target):
    os.makedirs(target, exist_ok=True)
    for name in sorted(os.listdir(source)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(source, name), encoding="utf-8") as src, \
                open(os.path.join(target, name), "w", encoding="utf-8") as out:
            for line in src:
                if not line.strip():
                    continue
                record = json.loads(line)
                digest = int.from_bytes(hashlib.sha256(record["id"].encode()).digest()[:8], "little")
                record["date"] = None if digest % 20 == 0 else \
                    (FIRST + datetime.timedelta(days=digest // 20 % DAYS)).isoformat()
                record["url"] = f"https://{HOSTS[digest // 7 % len(HOSTS)]}/{record['id']}"
                record.pop("source", None)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
