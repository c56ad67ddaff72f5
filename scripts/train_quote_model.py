"""Train the attribution filter of the quote extractor (`resources/data/quote_model.tsv`).

Reads the PolNeAR articles of the *train* split of the shared quotes gold set (never the dev
split), runs the rule layer of `eventwire.extract.quotes` on each article to get its indirect
attribution candidates with their features, labels a candidate 1 when its content matches a
gold content that no direct quote already matched (multiset token Jaccard >= 0.5, the
scorer's rule), and fits a logistic regression (L2, AdaGrad, numpy only). The thresholds are
chosen by the content F1 of the whole extractor on held-out train articles (the last sixth,
or k-fold cross-validation with --folds k); the final weights are then fitted on all train
articles. The committed weights were made with the defaults.

Retrain (from /work/main):
    PYTHONPATH=src .venv/bin/python scripts/train_quote_model.py \
        --gold ../shared/eval/quotes_dev.jsonl [--docbin parsed.spacy]
`--docbin` reuses parsed documents (DocBin whose docs carry user_data["article"]["id"]);
without it the train articles are cleaned and parsed here (a few minutes).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from eventwire.extract.quotes import assembly as Q
from eventwire.extract.quotes import bounds as B
from eventwire.extract.quotes import scorer as S
from eventwire.extract.quotes.attributions import Attribution
from eventwire.nlp import load_nlp
from eventwire.resources import DATA

_WORD = re.compile(r"\w+")


def bag(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


def jaccard(a: Counter, b: Counter) -> float:
    inter = sum((a & b).values())
    union = sum((a | b).values())
    return inter / union if union else 0.0


def _pieces_bag(text: str, pieces) -> Counter:
    return bag(" ".join(text[s:e] for s, e in pieces))


def _docs(args, gold):
    nlp = load_nlp()
    if args.docbin:
        from spacy.tokens import DocBin

        for doc in DocBin().from_disk(args.docbin).get_docs(nlp.vocab):
            if doc.user_data["article"]["id"] in gold:
                yield doc.user_data["article"]["id"], doc
        return
    from eventwire.clean import clean_article
    from eventwire.records import Article

    ids = list(gold)
    texts = (
        clean_article(Article(id=i, text=gold[i]["text"], published=gold[i].get("published"))) for i in ids
    )
    for gid, doc in zip(ids, nlp.pipe(texts, batch_size=32)):
        yield gid, doc


def collect(args):
    """Per article: the doc, the gold record, the direct drafts and the untrimmed indirect
    candidates of the rule layer (with their features)."""
    gold = {}
    for line in open(args.gold, encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("split") == "train":
            gold[rec["id"]] = rec
    out = []
    for gid, doc in _docs(args, gold):
        drafts, found = Q.candidates(doc, doc.text, trim=False)
        out.append((doc, gold[gid], drafts, found))
    return out


def bound_examples(raw):
    """(features, label) per cut point of candidates whose gold content starts where
    theirs does: label 1 when the gold content ends at or before the cut."""
    rows = []
    for doc, g, _, found in raw:
        text = doc.text
        if text != g["text"]:
            continue  # offsets are compared directly; whitespace-changed texts are skipped
        golds = [(q["content"]["start"], q["content"]["end"]) for q in g["quotes"]]
        for att, _ in found:
            if att.role not in B.ROLES or len(att.content) != 1:
                continue
            s, e = att.content[0]
            near = [ge for gs, ge in golds if abs(gs - s) <= 2 and ge > s]
            if not near:
                continue
            g_end = min(near, key=lambda ge: abs(ge - e))
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or not len(span):
                continue
            first, last = span.start, span.end - 1
            lemma = doc[att.cue_token].lemma_.lower()
            for tok in B.cut_points(doc, first, last, att.cue_token):
                label = int(g_end <= tok.left_edge.idx + 1)
                rows.append((B.cut_features(doc, tok, first, last, att.role, lemma), label))
    return rows


def articles_from(raw, weights=None, cut=None):
    """Per article: (direct content bags, [(features, content bag)], gold bags), with
    candidate contents trimmed by the given bounds weights."""
    articles = []
    for doc, g, drafts, found in raw:
        text = doc.text
        gbags = []
        for q in g["quotes"]:
            c = q["content"]
            frs = c.get("fragments") or [[c["start"], c["end"]]]
            gbags.append(bag(" ".join(g["text"][s:e] for s, e in frs)))
        dbags = [_pieces_bag(text, d.pieces) for d in drafts]
        cands = []
        for att, feats in found:
            pieces = B.trimmed(doc, att, weights, cut) if weights else att.content
            trimmed = Attribution(
                att.cue, att.cue_token, att.speaker, att.speaker_token, pieces, att.role, att.speech
            )
            cands.append((S.features(doc, trimmed, "in_quote=True" in feats), _pieces_bag(text, pieces)))
        articles.append((dbags, cands, gbags))
    return articles


def _greedy_tp(pred: list[Counter], gold: list[Counter]) -> int:
    pairs = sorted(
        ((jaccard(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True
    )
    used_p, used_g, tp = set(), set(), 0
    for score, i, j in pairs:
        if score < 0.5:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            tp += 1
    return tp


def labels(articles):
    """1 for a candidate matching a gold content left over by the direct quotes."""
    ys = []
    for dbags, cands, gbags in articles:
        left = [g for g in gbags if not any(jaccard(d, g) >= 0.5 for d in dbags)]
        ys.append([int(any(jaccard(c, g) >= 0.5 for g in left)) for _, c in cands])
    return ys


def fit(rows, ys, vocab, epochs=8, l2=1e-4, rate=0.3):
    w = np.zeros(len(vocab))
    g2 = np.full(len(vocab), 1e-8)
    order = np.arange(len(rows))
    rng = np.random.default_rng(0)
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            idx = rows[k]
            z = w[idx].sum()
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            grad = (p - ys[k]) + l2 * w[idx]
            g2[idx] += grad * grad
            w[idx] -= rate * grad / np.sqrt(g2[idx])
    return w


def _flatten(articles, ys, vocab, grow):
    examples = [
        (feats, label) for (_, cands, _), y in zip(articles, ys) for (feats, _), label in zip(cands, y)
    ]
    return _rows(examples, vocab, grow)


def content_f1(articles, w, vocab, cut):
    tp = npred = ngold = 0
    for dbags, cands, gbags in articles:
        kept = []
        for feats, c in cands:
            # w None: the rule layer alone
            if w is None or 1.0 / (1.0 + np.exp(-sum(w[vocab[f]] for f in feats if f in vocab))) >= cut:
                kept.append(c)
        pred = dbags + kept
        tp += _greedy_tp(pred, gbags)
        npred += len(pred)
        ngold += len(gbags)
    return np.array([tp, npred, ngold])


def f1(counts) -> float:
    tp, npred, ngold = counts
    p, r = tp / max(1, npred), tp / max(1, ngold)
    return 2 * p * r / max(1e-9, p + r)


def _rows(examples, vocab, grow):
    rows, ys = [], []
    for feats, label in examples:
        idx = []
        for f in feats:
            if f not in vocab and grow:
                vocab[f] = len(vocab)
            if f in vocab:
                idx.append(vocab[f])
        rows.append(np.array(idx, dtype=np.int64))
        ys.append(label)
    return rows, ys


def _as_dict(w, vocab):
    return {f: float(w[k]) for f, k in vocab.items()}


def _write(path, w, vocab, cut, what):
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            f"# {what}; trained by scripts/train_quote_model.py on the PolNeAR train\n"
            "# split. feature<TAB>weight; __threshold__ is the decision probability.\n"
        )
        out.write("feature\tweight\n")
        out.write(f"__threshold__\t{cut:.2f}\n")
        for f, k in sorted(vocab.items(), key=lambda x: -abs(w[x[1]])):
            if abs(w[k]) >= 0.01:
                out.write(f"{f}\t{w[k]:.3f}\n")


BOUND_CUTS = (0.4, 0.5, 0.6, 0.7, 0.8)
FILTER_CUTS = tuple(np.round(np.arange(0.1, 0.61, 0.05), 2))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True, help="quotes_dev.jsonl (only split=train is read)")
    ap.add_argument("--docbin", help="parsed documents to reuse")
    ap.add_argument("--l2", type=float, default=1e-2)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument(
        "--folds",
        type=int,
        default=1,
        help="cross-validation folds for the thresholds (1: hold out the last sixth)",
    )
    ap.add_argument("--out", default=str(DATA))
    args = ap.parse_args(argv)
    raw = collect(args)
    if args.folds > 1:
        k_of = args.folds
        folds = [
            (
                raw[: k * len(raw) // k_of] + raw[(k + 1) * len(raw) // k_of :],
                raw[k * len(raw) // k_of : (k + 1) * len(raw) // k_of],
            )
            for k in range(k_of)
        ]
    else:  # the last sixth of the articles held out
        cut_at = len(raw) * 5 // 6
        folds = [(raw[:cut_at], raw[cut_at:])]
    # 1. Content ends: the threshold with the best cross-validated content F1.
    base = sum(content_f1(articles_from(held), None, {}, 0) for _, held in folds)
    print(f"held-out train content F1, rules alone: {f1(base):.4f}", file=sys.stderr)
    bounds, totals = [], {c: 0 for c in BOUND_CUTS}
    for fit_part, held in folds:
        bvocab: dict[str, int] = {}
        brows, bys = _rows(bound_examples(fit_part), bvocab, True)
        bounds.append(_as_dict(fit(brows, bys, bvocab, args.epochs, args.l2), bvocab))
        for c in BOUND_CUTS:
            totals[c] = totals[c] + content_f1(articles_from(held, bounds[-1], c), None, {}, 0)
    bcut = max(BOUND_CUTS, key=lambda c: f1(totals[c]))
    print(f"  with content ends: {f1(totals[bcut]):.4f} at threshold {bcut:.2f}", file=sys.stderr)
    # 2. The attribution filter over trimmed candidates, its threshold chosen the same way.
    totals = {c: 0 for c in FILTER_CUTS}
    for (fit_part, held), bdict in zip(folds, bounds):
        fit_articles = articles_from(fit_part, bdict, bcut)
        held_articles = articles_from(held, bdict, bcut)
        vocab: dict[str, int] = {}
        rows, flat = _flatten(fit_articles, labels(fit_articles), vocab, grow=True)
        w = fit(rows, flat, vocab, args.epochs, args.l2)
        for c in FILTER_CUTS:
            totals[c] = totals[c] + content_f1(held_articles, w, vocab, c)
    fcut = max(FILTER_CUTS, key=lambda c: f1(totals[c]))
    print(f"  and the filter: {f1(totals[fcut]):.4f} at threshold {fcut:.2f}", file=sys.stderr)
    # Refit both on all train articles.
    bvocab = {}
    brows, bys = _rows(bound_examples(raw), bvocab, True)
    bw = fit(brows, bys, bvocab, args.epochs, args.l2)
    _write(Path(args.out) / "quote_bounds.tsv", bw, bvocab, bcut, "Content-end weights")
    everything = articles_from(raw, _as_dict(bw, bvocab), bcut)
    vocab = {}
    rows, flat = _flatten(everything, labels(everything), vocab, grow=True)
    w = fit(rows, flat, vocab, args.epochs, args.l2)
    _write(Path(args.out) / "quote_model.tsv", w, vocab, fcut, "Attribution filter weights")


if __name__ == "__main__":
    main()
