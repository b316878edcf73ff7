"""The extractor's CLI commands: extract, train, evaluate, simulate.

``core.cli.build_parser`` calls ``register(add)``; each handler returns the
exit code and raises ``TawsimError`` for user errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.cli.common import Add, Progress
from core.errors import TawsimError

__all__ = ["register"]

# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCS = 8


def register(add: Add) -> None:
    """Add the extractor's subcommands with the CLI's ``add`` helper."""
    p = add("extract", cmd_extract, "suggest entities in .txt files, folders or JSONL")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, folder, or .jsonl")
    p.add_argument("--out", required=True, metavar="PRED.jsonl", help="doccano JSONL output")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: every core)")
    p.add_argument("--min-score", type=float, default=None, help="drop weaker suggestions")
    p.add_argument("--model", metavar="MODEL", help="CRF model (default: the bundled one)")
    p = add("train", cmd_train, "train a CRF model on CoNLL files")
    p.add_argument("--conll", nargs="+", required=True, metavar="FILE")
    p.add_argument("--out", required=True, metavar="MODEL", help="model file (.crfsuite)")
    p.add_argument(
        "--holdout",
        type=float,
        default=0.0,
        metavar="FRACTION",
        help="keep the last FRACTION of sentences out of training and report F1 on them",
    )
    p.add_argument("--c1", type=float, default=None)
    p.add_argument("--c2", type=float, default=None)
    p.add_argument("--iterations", type=int, default=None)
    p.add_argument("--one-pass", action="store_true", help="no second pass with document features")
    p.add_argument("--jobs", type=int, default=2, help="processes for the first pass (default 2)")
    p = add("evaluate", cmd_evaluate, "precision, recall and F1 of predictions against gold")
    p.add_argument("--gold", required=True, metavar="GOLD", help="CoNLL or JSONL")
    p.add_argument("--pred", metavar="PRED", help="CoNLL or JSONL (default: run the extractor)")
    p.add_argument("--model", metavar="MODEL", help="CRF model when running the extractor")
    p.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated recommenders to run (gazetteer,rules,crf)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("simulate", cmd_simulate, "replay an annotator over gold documents; print effort")
    p.add_argument("--gold", required=True, metavar="GOLD", help="CoNLL or JSONL")
    p.add_argument("--no-learning", action="store_true", help="no project memory, no retraining")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--sentences-per-doc",
        type=int,
        default=0,
        metavar="N",
        help="cut CoNLL documents into N-sentence documents (ANERcorp has no breaks)",
    )
    p.add_argument("--limit", type=int, default=0, help="only the first N documents")
    p.add_argument("--model", metavar="MODEL", help="CRF model (default: the bundled one)")
    p.add_argument(
        "--order",
        choices=("corpus", "uncertainty"),
        default="corpus",
        help="document order: as given, or the least certain next (most useful first)",
    )


# -- extract -------------------------------------------------------------------


def iter_inputs(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(id, text) for each .txt file (folders searched recursively) or JSONL row."""
    from core.text import clean_imported_text

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            for f in files:
                yield str(f), clean_imported_text(f.read_text(encoding="utf-8"))
        elif path.suffix.lower() in (".jsonl", ".json"):
            with open(path, encoding="utf-8-sig") as handle:
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        try:
                            row = json.loads(line)
                            text = str(row["text"])
                        except (ValueError, KeyError, TypeError) as exc:
                            raise TawsimError(f"{path}:{number}: no 'text' field ({exc})") from exc
                        yield str(row.get("id", f"{path}:{number}")), text
        elif path.is_file():
            yield str(path), clean_imported_text(path.read_text(encoding="utf-8"))
        else:
            raise TawsimError(f"{path}: no such file or folder")


_WORKER: dict[str, Any] = {}


def _init_worker(min_score: float | None, model: str | None = None) -> None:
    from core.extract.pipeline import Combiner, default_recommenders

    recs = default_recommenders(crf_model=model)
    _WORKER["combiner"] = (
        Combiner(recs) if min_score is None else Combiner(recs, min_score=min_score)
    )


def _extract_one(item: tuple[str, str]) -> dict[str, Any]:
    from core.model import Document, DocumentInfo

    doc_id, text = item
    doc = Document(DocumentInfo(doc_id, doc_id, 0.0, length=len(text)), text)
    sugs = _WORKER["combiner"].suggest(doc)
    return {"id": doc_id, "text": text, "label": [[s.start, s.end, s.label] for s in sugs]}


def cmd_extract(args: argparse.Namespace) -> int:
    """Run the default extractor over the inputs; write doccano JSONL."""

    items = list(iter_inputs(args.inputs))
    if not items:
        raise TawsimError("no input documents")
    jobs = args.jobs or os.cpu_count() or 1
    progress = Progress("extract")
    out = Path(args.out)
    started = time.monotonic()
    n_spans = 0
    with open(out, "w", encoding="utf-8") as handle:
        if jobs > 1 and len(items) >= PARALLEL_MIN_DOCS:
            import multiprocessing

            init = (args.min_score, args.model)
            with multiprocessing.Pool(jobs, _init_worker, init) as pool:
                rows = pool.imap(_extract_one, items, chunksize=4)
                for k, row in enumerate(rows, 1):
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n_spans += len(row["label"])
                    progress(k, len(items))
        else:
            _init_worker(args.min_score, args.model)
            for k, item in enumerate(items, 1):
                row = _extract_one(item)
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                n_spans += len(row["label"])
                progress(k, len(items))
    seconds = time.monotonic() - started
    print(
        f"{len(items)} document(s), {n_spans} suggestion(s) in {seconds:.1f} s -> {out}",
        file=sys.stderr,
    )
    return 0


# -- train ---------------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    """Train a CRF on CoNLL files, optionally holding out the last sentences as dev."""
    from core.extract.corpus import bio_entities, read_sentences
    from core.extract.crf import CrfModel, train_crf

    sentences = read_sentences(args.conll)
    if not 0.0 <= args.holdout < 1.0:
        raise TawsimError("--holdout must be in [0, 1)")
    cut = len(sentences) - int(len(sentences) * args.holdout)
    train, dev = sentences[:cut], sentences[cut:]
    params = {
        k: v
        for k, v in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.iterations))
        if v is not None
    }
    meta = {"trained_on": [Path(f).name for f in args.conll], "holdout": args.holdout}
    with Progress("train", unit="model") as bar:
        result = train_crf(
            train,
            args.out,
            params=params,
            meta=meta,
            two_pass=not args.one_pass,
            workers=args.jobs,
            progress=bar,
        )
    print(
        f"trained on {result.sentences} sentences, {result.tokens} tokens "
        f"in {result.seconds:.1f} s -> {result.path}"
    )
    if dev:
        from core.evaluate import Scores

        model = CrfModel(result.path)
        scores = Scores()
        tagged = model.tag_document([[t for t, _ in sent] for sent in dev])
        for sent, (pred, _) in zip(dev, tagged, strict=True):
            gold = set(bio_entities(tag for _, tag in sent))
            got = set(bio_entities(pred))
            scores.tp += len(gold & got)
            scores.fp += len(got - gold)
            scores.fn += len(gold - got)
        print(
            f"held-out {len(dev)} sentences: token micro P {scores.precision:.4f} "
            f"R {scores.recall:.4f} F1 {scores.f1:.4f}"
        )
    return 0


# -- evaluate ------------------------------------------------------------------


def predict_gold_texts(
    docs: list[Any], *, model: str | None = None, only: str | None = None
) -> list[list[tuple[int, int, str]]]:
    """Run the default extractor on each gold document's text."""
    from core.extract.pipeline import Combiner, default_recommenders
    from core.model import Document, DocumentInfo

    recs = default_recommenders(crf_model=model)
    if only:
        names = {n.strip() for n in only.split(",")}
        recs = [r for r in recs if r.name in names]
    combiner = Combiner(recs)
    out = []
    for d in docs:
        doc = Document(DocumentInfo(d.id, d.id, 0.0, length=len(d.text)), d.text)
        out.append([(s.start, s.end, s.label) for s in combiner.suggest(doc)])
    return out


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Print entity-level P/R/F1 per label and micro, in the exact, token and overlap views."""
    from core.evaluate import evaluate, format_report, report_json
    from core.extract.corpus import read_gold

    gold = read_gold(args.gold)
    if args.pred:
        pred_docs = read_gold(args.pred)
        if len(pred_docs) != len(gold):
            raise TawsimError(
                f"{args.pred} has {len(pred_docs)} document(s), {args.gold} has {len(gold)}"
            )
        for g, p in zip(gold, pred_docs, strict=True):
            if g.text != p.text:
                raise TawsimError(f"document {g.id}: the texts of GOLD and PRED differ")
        preds = [p.spans for p in pred_docs]
    else:
        preds = predict_gold_texts(gold, model=args.model, only=args.only)
    views = evaluate(
        ((g.text, g.spans, p) for g, p in zip(gold, preds, strict=True)),
        tokens=[g.tokens for g in gold],
    )
    if args.json:
        print(json.dumps(report_json(views), indent=2, sort_keys=True))
    else:
        print(format_report(views))
    return 0


# -- simulate ------------------------------------------------------------------


def cmd_simulate(args: argparse.Namespace) -> int:
    """Replay an annotator over GOLD; print the effort per document and in total."""
    from core.extract.corpus import read_gold
    from core.extract.simulate import chunk_conll_docs, simulate

    docs = chunk_conll_docs(read_gold(args.gold), args.sentences_per_doc)
    if args.limit:
        docs = docs[: args.limit]
    if not docs:
        raise TawsimError(f"{args.gold}: no documents")
    from core.extract.crf import CrfModel

    crf = CrfModel(args.model) if args.model else None
    result = simulate(
        docs,
        learning=not args.no_learning,
        crf=crf,
        order=args.order,
        progress=Progress("simulate"),
    )
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{'document':<40} {'gold':>5} {'false':>6} {'missed':>6} {'effort':>7}")
    for row in result["documents"]:
        print(
            f"{row['id'][-40:]:<40} {row['gold']:5d} {row['false_suggestions']:6d} "
            f"{row['missed']:6d} {row['effort']:7.3f}"
        )
    for name in ("total", "last_quarter"):
        t = result[name]
        print(
            f"{name:<40} {t['gold']:5d} {t['false_suggestions']:6d} {t['missed']:6d} "
            f"{t['effort']:7.3f}"
        )
    line = f"learning: {'on' if result['learning'] else 'off'}; order: {result['order']}"
    first = result["takeover"]["project_model_from"]
    if result["learning"]:
        # The project model replaces the default one only once it made fewer errors.
        line += "; project model suggests from document " + (
            "-" if first is None else str(first + 1)
        )
    print(line)
    return 0
