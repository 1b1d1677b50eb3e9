#!/usr/bin/env python3
"""Relevance of VietSearch beside Tantivy, in one run: MRR@10 and success@10, plus latency.

What it measures, on one index of the vinews corpus plus the 80 xquad-vi paragraphs
(`../shared`), for VietSearch and Tantivy, each query typed with diacritics and folded
without them (NFD, combining marks U+0300-U+036F dropped, đ->d, Đ->D, NFC):

* questions: the 432 xquad-vi questions, as a user types them; the relevant document is
  the one paragraph that answers the question (the vinews articles are distractors).
* known items: `--known-items` vinews articles sampled with random.Random(--seed) among
  titles of at least 5 words (punctuation stripped around words, titles with more digits
  than letters skipped); the query is 5 consecutive title words from a random start.
  Relevant: every vinews article whose title holds those 5 words consecutively with their
  diacritics, compared after NFC, lowercase, \\w+ tokens (one definition for every typing);
  with --relevant-folded, compared after the folding above too.

MRR@10 is the mean reciprocal rank of the first relevant id in the top 10 (0 if none),
success@10 the share of queries with one. A query an engine rejects counts as a miss.

Engines:
* VietSearch: `BIN index CORPUS PARAGRAPHS --index IDX --json`, then, per set and typing,
  `BIN bench --index IDX --queries FILE --runs R --warmup 1 --json` with the queries as
  typed. Its latency: median of the per-query p50_us, and bench's summary p95_us.
* Tantivy (tantivy-py 0.27), built in-process by the peers harness's own functions
  (../shared/bench/peers/bench_peers.py): field body = title + "\\n" + text, with positions,
  Tokenizer.simple + remove_long(40) + lowercase + ascii_fold; only the id is stored.
  ascii_fold is Lucene's ASCII folding: it strips the diacritics of precomposed (NFC)
  letters and maps đ/Đ to d (the harness folds nothing in Python); NFD text would split
  at its combining marks. Queries: every character other than \\w and white space becomes
  a space (so no query syntax, never a parse error), lowercased (so no AND/OR/NOT), and
  parsed by the query parser's default: OR of the terms over body, BM25. Timed per query:
  parse, searcher.search(query, 10, count=False) and fetching the 10 stored ids, --runs
  times after one warm-up pass; p50 = median over queries of the per-query p50, p95 over
  all samples.

Run from the repository root (the release build first: swift build -c release):

    python3 Benchmarks/relevance.py [--bin PATH] [--out relevance.json] [--keep]
    python3 Benchmarks/relevance.py --reuse-index DIR --reuse-tantivy DIR2   # no rebuild

The table goes to stdout, progress to stderr, the full data to --out. With --keep the
two indexes stay in the work folder (printed on stderr) for --reuse-index/--reuse-tantivy.
Exits 0 with a message when ../shared is absent.
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
PEERS = os.path.join(SHARED, "bench", "peers")
TYPINGS = ("accented", "unaccented", "telex", "vni", "partial", "tone")
TONES = {"\u0301": ("s", "1"), "\u0300": ("f", "2"), "\u0309": ("r", "3"), "\u0303": ("x", "4"),
         "\u0323": ("j", "5")}
HATS = {"\u0302": ("{0}{0}", "{0}6"), "\u0306": ("{0}w", "{0}8"), "\u031b": ("{0}w", "{0}7")}
WORD = re.compile(r"\w+")
NOT_WORD_EDGES = re.compile(r"^\W+|\W+$")
QUERY_SYNTAX = re.compile(r"[^\w\s]")
KNOWN_ITEM_WORDS = 5


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def fold(s):
    """Vietnamese folding: NFD, combining marks U+0300-U+036F dropped, đ->d, Đ->D, NFC."""
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not 0x300 <= ord(c) <= 0x36F)
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


def keystrokes(word, method):
    """The keys a user types for `word` with the input method off: Telex (`aa aw ow dd`,
    tone key s f r x j at the end of the word) or VNI (`a6 a8 o7 d9`, tone digit 1-5 at the end)."""
    m = 0 if method == "telex" else 1
    out, tone = [], ""
    for ch in unicodedata.normalize("NFD", unicodedata.normalize("NFC", word)):
        if ch in TONES:
            tone = TONES[ch][m]
        elif ch in HATS and out:
            base = out.pop()
            out.append(HATS[ch][m].format(base))
        elif ch in "đĐ":
            out.append(("dd", "d9")[m] if ch == "đ" else ("Dd", "D9")[m])
        else:
            out.append(ch)
    return "".join(out) + tone


def with_tone(word, tone):
    """`word` with its tone mark replaced by `tone` (a combining mark, or "" for none), on
    the vowel that carried one, else on the last vowel."""
    chars = list(unicodedata.normalize("NFD", unicodedata.normalize("NFC", word)))
    at = next((i for i, c in enumerate(chars) if c in TONES), None)
    chars = [c for c in chars if c not in TONES]
    if at is None:
        vowels = [i for i, c in enumerate(chars) if c.lower() in "aeiouy"]
        low = "".join(chars).lower()
        if low.startswith(("qu", "gi")) and len(vowels) > 1 and vowels[0] == 1:
            vowels = vowels[1:]  # onsets, not vowels
        if not vowels:
            return word
        marked = [i for i in vowels if i + 1 < len(chars) and chars[i + 1] in HATS]
        nucleus = "".join(chars[i].lower() for i in vowels)
        coda = vowels[-1] + 1 < len(chars) and not unicodedata.combining(chars[vowels[-1] + 1]) \
            or vowels[-1] + 2 < len(chars)
        if marked:
            at = marked[-1]
        elif coda or len(vowels) == 1 or nucleus in ("oa", "oe", "uy"):
            at = vowels[-1]
        else:
            at = vowels[len(vowels) // 2] if len(vowels) == 3 else vowels[0]
        at += 1
    # after the vowel's own marks (circumflex, breve, horn): NFC composes them first
    while at < len(chars) and unicodedata.combining(chars[at]):
        at += 1
    if tone:
        chars.insert(at, tone)
    return unicodedata.normalize("NFC", "".join(chars))


def variant(query, typing, rng):
    """The query as typed in one of TYPINGS: `partial` folds a random half of the words
    (rounded up), `tone` gives one random word with a vowel another tone."""
    words = query.split()
    if typing == "accented":
        return query
    if typing == "unaccented":
        return fold(query)
    if typing in ("telex", "vni"):
        def keys(w):  # punctuation around the word stays where it is
            m = re.match(r"^(\W*)(.*?)(\W*)$", w)
            return m.group(1) + keystrokes(m.group(2), typing) + m.group(3)
        return " ".join(keys(w) for w in words)
    if typing == "partial":
        for i in rng.sample(range(len(words)), (len(words) + 1) // 2):
            words[i] = fold(words[i])
        return " ".join(words)
    candidates = [i for i, w in enumerate(words) if any(c.lower() in "aeiouy" for c in fold(w))
                  and any(c.isalpha() for c in w)]
    if candidates:
        i = rng.choice(candidates)
        current = next((c for c in unicodedata.normalize("NFD", words[i]) if c in TONES), "")
        words[i] = with_tone(words[i], rng.choice([t for t in ["", *TONES] if t != current]))
    return " ".join(words)


def title_tokens(s, folded=False):
    """Tokens that decide known-item relevance: NFC, lowercase, \\w+ (folded if asked)."""
    tokens = WORD.findall(unicodedata.normalize("NFC", s).lower())
    return tuple(fold(t) for t in tokens) if folded else tuple(tokens)


def read_jsonl(files, bp):
    for f in files:
        with bp._open(f) as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


# ---------------------------------------------------------------- query sets

def question_set(eval_dir, limit):
    with open(os.path.join(eval_dir, "questions.jsonl"), encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows = rows[:limit] if limit else rows
    return [dict(query=r["question"].strip(), relevant={r["paragraph"]}) for r in rows]


def title_words(title):
    words = (NOT_WORD_EDGES.sub("", w) for w in title.split())
    return [w for w in words if w]


def mostly_digits(title):
    return sum(c.isdigit() for c in title) > sum(c.isalpha() for c in title)


def sample_known_items(titles, n, seed):
    """n queries of 5 consecutive words, each from one title of at least 5 words."""
    rng = random.Random(seed)
    eligible = [words for _did, t in titles
                if len(words := title_words(t)) >= KNOWN_ITEM_WORDS and not mostly_digits(t)]
    queries = []
    for words in rng.sample(eligible, min(n, len(eligible))):
        start = rng.randrange(len(words) - KNOWN_ITEM_WORDS + 1)
        queries.append(" ".join(words[start:start + KNOWN_ITEM_WORDS]))
    return queries


def known_item_set(titles, n, seed, folded=False):
    """The sampled queries, each with every title holding its tokens in a row (one scan)."""
    queries = sample_known_items(titles, n, seed)
    relevant = {title_tokens(q, folded): set() for q in queries}
    lengths = {len(k) for k in relevant}
    for did, t in titles:
        toks = title_tokens(t, folded)
        for n_toks in lengths:
            for i in range(len(toks) - n_toks + 1):
                hit = relevant.get(toks[i:i + n_toks])
                if hit is not None:
                    hit.add(did)
    return [dict(query=q, relevant=relevant[title_tokens(q, folded)]) for q in queries]


# ---------------------------------------------------------------- engines

def run_checked(cmd, what):
    log("$ " + " ".join(cmd))
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("%s failed (exit %d):\n%s" % (what, r.returncode, r.stderr.strip()[-3000:]))
    return r.stdout


def build_vietsearch(binary, paths, idx):
    t0 = time.perf_counter()
    run_checked([binary, "index", *paths, "--index", idx, "--json"], "vietsearch index")
    log("vietsearch index: %.1f s" % (time.perf_counter() - t0))


def vietsearch_search(binary, idx, queries, runs, workdir):
    """Top-10 ids (None on error) per query and latency, from one `bench` run."""
    qfile = os.path.join(workdir, "queries.txt")
    with open(qfile, "w", encoding="utf-8") as fh:
        fh.write("".join(q + "\n" for q in queries))
    out = json.loads(run_checked([binary, "bench", "--index", idx, "--queries", qfile,
                                  "--runs", str(runs), "--warmup", "1", "--json"], "vietsearch bench"))
    got = out["queries"]
    if len(got) != len(queries):
        sys.exit("vietsearch bench answered %d queries of %d" % (len(got), len(queries)))
    tops = [None if g.get("error") else [str(x) for x in g.get("top10") or []][:10] for g in got]
    errors = [dict(query=q, error=g["error"]) for q, g in zip(queries, got) if g.get("error")]
    p50s = [g["p50_us"] for g in got if not g.get("error")]
    return tops, dict(p50_us=statistics.median(p50s) if p50s else None,
                      p95_us=out["summary"]["p95_us"], errors=errors)


def build_tantivy(bp, files, idx):
    os.makedirs(idx, exist_ok=True)
    res = bp.w_tantivy_build(dict(index_dir=idx, engine="tantivy", corpus_files=files))
    log("tantivy index: %d docs, %.1f s, %d segments" % (res["docs"], res["build_s"], res["segments"]))


def tantivy_query_text(q):
    return QUERY_SYNTAX.sub(" ", q).lower()


def tantivy_search(bp, idx_dir, queries, runs):
    """Top-10 ids (None on error) per query and latency, timed in-process."""
    idx = bp._tantivy_index(dict(index_dir=idx_dir, engine="tantivy"), create=False)
    idx.reload()
    searcher = idx.searcher()

    def top10(q):
        text = tantivy_query_text(q)
        if not text.strip():
            return []
        res = searcher.search(idx.parse_query(text, ["body"]), 10, count=False)
        return [searcher.doc(addr)["id"][0] for _score, addr in res.hits]

    tops, p50s, samples, errors = [], [], [], []
    for q in queries:  # warm-up pass
        try:
            top10(q)
        except Exception:  # recorded in the timed pass
            pass
    for q in queries:
        try:
            times = []
            for _ in range(runs):
                t0 = time.perf_counter_ns()
                top = top10(q)
                times.append((time.perf_counter_ns() - t0) / 1000)
        except Exception as e:  # a query Tantivy rejects is a miss
            tops.append(None)
            errors.append(dict(query=q, error="%s: %s" % (type(e).__name__, e)))
            continue
        tops.append(top)
        p50s.append(statistics.median(times))
        samples += times
    return tops, dict(p50_us=statistics.median(p50s) if p50s else None,
                      p95_us=bp.pct(samples, 0.95), errors=errors)


# ---------------------------------------------------------------- scoring

def score(items, tops):
    rr, empty = [], 0
    for item, top in zip(items, tops):
        top = top or []
        empty += not top
        rank = next((i for i, did in enumerate(top, 1) if did in item["relevant"]), None)
        rr.append(1 / rank if rank else 0.0)
    return dict(mrr10=statistics.fmean(rr), success10=sum(r > 0 for r in rr) / len(rr), empty=empty)


def evaluate(args, bp, sets, vs_idx, tv_idx, workdir):
    results = []
    for set_name, items in sets.items():
        for typing in args.typings:
            rng = random.Random("%d-%s-%s" % (args.seed, set_name, typing))
            queries = [variant(it["query"], typing, rng) for it in items]
            for engine in args.engines:
                log("%s / %s / %s: %d queries" % (set_name, typing, engine, len(queries)))
                if engine == "vietsearch":
                    tops, lat = vietsearch_search(args.bin, vs_idx, queries, args.runs, workdir)
                else:
                    tops, lat = tantivy_search(bp, tv_idx, queries, args.runs)
                results.append(dict(set=set_name, typing=typing, engine=engine, queries=len(queries),
                                    **score(items, tops), **lat,
                                    per_query=[dict(query=q, relevant=sorted(it["relevant"]), top10=t)
                                               for q, it, t in zip(queries, items, tops)]))
    return results


# ---------------------------------------------------------------- output

def fmt(v, nd):
    return "–" if v is None else "%.*f" % (nd, v)


def ratio(a, b):
    return a / b if a is not None and b else None


def print_table(results, args, n_docs):
    print("| set | typing | engine | MRR@10 | success@10 | p50 µs | p95 µs | no result | errors |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    by_key = {(r["set"], r["typing"], r["engine"]): r for r in results}
    for r in results:
        print("| %s | %s | %s | %s | %s | %s | %s | %d | %d |" % (
            r["set"], r["typing"], r["engine"], fmt(r["mrr10"], 3), fmt(r["success10"], 3),
            fmt(r["p50_us"], 0), fmt(r["p95_us"], 0), r["empty"], len(r["errors"])))
        vs, tv = (by_key.get((r["set"], r["typing"], e)) for e in ("vietsearch", "tantivy"))
        if vs and tv and r["engine"] == args.engines[-1]:
            print("| %s | %s | **VietSearch/Tantivy** | %s | %s | %s | %s | | |" % (
                r["set"], r["typing"], *(fmt(ratio(vs[k], tv[k]), 2)
                                         for k in ("mrr10", "success10", "p50_us", "p95_us"))))
    print()
    print("Method: %d documents (vinews + 80 xquad-vi paragraphs) in one index per engine; questions: "
          "relevant = the answering paragraph; known items: %d queries of 5 consecutive title words (seed %d), "
          "relevant = every vinews title holding them (%s tokens)." % (n_docs, args.known_items, args.seed,
                                                                       "folded" if args.relevant_folded else "exact"))
    print("Each query typed: accented (as written), unaccented (folded), telex and vni (the keys typed with the "
          "input method off, tone key at the end of the word), partial (a random half of the words folded), "
          "tone (one random word with another tone); random.Random(seed-set-typing).")
    print("VietSearch gets it as typed (its bench command), "
          "Tantivy an OR of its terms (ascii_fold, BM25); %d timed runs per query after 1 warm-up." % args.runs)
    for r in results:
        for e in r["errors"][:5]:
            print("- %s %s %s rejected %r: %s" % (r["engine"], r["set"], r["typing"], e["query"], e["error"]))


# ---------------------------------------------------------------- main

def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("VIETSEARCH_BIN")
                    or os.path.join(ROOT, ".build", "release", "vietsearch"))
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus", "vinews-baomoi"))
    ap.add_argument("--eval", default=os.path.join(SHARED, "eval", "xquad-vi-dev"))
    ap.add_argument("--workdir", help="where the indexes go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the work folder (a --workdir that already exists is always kept)")
    ap.add_argument("--reuse-index", metavar="DIR", help="existing vietsearch index of corpus + paragraphs")
    ap.add_argument("--reuse-tantivy", metavar="DIR", help="existing Tantivy index of corpus + paragraphs")
    ap.add_argument("--known-items", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--relevant-folded", action="store_true",
                    help="known items: a title is relevant when it holds the words folded")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query")
    ap.add_argument("--engines", default="vietsearch,tantivy")
    ap.add_argument("--out", help="JSON results")
    ap.add_argument("--limit-questions", type=int, help="ask only the first N questions")
    ap.add_argument("--typings", default=",".join(TYPINGS),
                    help="how each query is typed: " + ", ".join(TYPINGS))
    ap.add_argument("--sets", default="questions,known_items")
    args = ap.parse_args()
    args.typings = [t.strip() for t in args.typings.split(",") if t.strip()]
    if set(args.typings) - set(TYPINGS):
        ap.error("unknown typings: %s" % ", ".join(sorted(set(args.typings) - set(TYPINGS))))
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(args.engines) - {"vietsearch", "tantivy"}
    if unknown:
        ap.error("unknown engines: %s" % ", ".join(sorted(unknown)))
    return args


def main():
    args = parse_args()
    if not os.path.isdir(SHARED):
        print("relevance: skipped, %s is absent (corpus, eval set and peers harness)" % os.path.abspath(SHARED))
        return
    sys.path.insert(0, PEERS)
    import bench_peers as bp

    workdir = args.workdir or tempfile.mkdtemp(prefix="vietsearch-relevance-")
    remove = not args.keep and not (args.workdir and os.path.exists(args.workdir))
    os.makedirs(workdir, exist_ok=True)
    log("work folder: " + workdir)
    try:
        t0 = time.perf_counter()
        corpus_files = bp.corpus_files(args.corpus)
        paragraphs = os.path.join(args.eval, "paragraphs.jsonl")
        titles = [(str(d["id"]), d.get("title") or "") for d in read_jsonl(corpus_files, bp)]
        sets = dict(questions=question_set(args.eval, args.limit_questions),
                    known_items=known_item_set(titles, args.known_items, args.seed,
                                                             folded=args.relevant_folded))
        sets = {k: v for k, v in sets.items() if k in args.sets.split(",")}
        log("%d vinews articles; %s" % (len(titles), ", ".join("%d %s" % (len(v), k) for k, v in sets.items())))

        vs_idx = args.reuse_index or os.path.join(workdir, "vietsearch")
        tv_idx = args.reuse_tantivy or os.path.join(workdir, "tantivy")
        if "vietsearch" in args.engines and not args.reuse_index:
            build_vietsearch(args.bin, [args.corpus, paragraphs], vs_idx)
        if "tantivy" in args.engines and not args.reuse_tantivy:
            build_tantivy(bp, corpus_files + [paragraphs], tv_idx)

        results = evaluate(args, bp, sets, vs_idx, tv_idx, workdir)
        n_docs = len(titles) + sum(1 for _ in read_jsonl([paragraphs], bp))
        print_table(results, args, n_docs)
        log("done in %.0f s" % (time.perf_counter() - t0))
        if args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                json.dump(dict(bin=args.bin, corpus=args.corpus, eval=args.eval, seed=args.seed,
                               runs=args.runs, documents=n_docs, results=results),
                          fh, ensure_ascii=False, indent=1)
    finally:
        if remove:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log("kept " + workdir)


if __name__ == "__main__":
    main()
