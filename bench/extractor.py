"""Figures for the extractor: cross-validated accuracy, calibration, speed, size, learning.

    .venv/bin/python bench/extractor.py [--conll ../shared/data/anercorp/train.conll]
        [--runs 3] [--folds 5] [--run-folds N] [--seed 14] [--only cv|learning|speed|train]
        [--write-calibration] [--skip-train] [--seeds 10]

Accuracy: K-fold cross-validation by document over the training file (cut
into pseudo-documents of --doc-sentences consecutive sentences, dealt into
folds after a shuffle with a fixed seed, ``core.extract.cv``). Each fold
trains a model as ``main.py train`` does (two passes, two cores) on the other
folds and runs the full default extractor on each held-out document's text;
token-projected micro F1 per fold, then mean ± sd. The reliability tables
bin every CV suggestion by score: raw, and calibrated with each fold's
calibrator fitted on the other folds only (--write-calibration writes the
calibrator fitted on all folds, which the extractor ships). Speed: the
bundled model's CRF and the full extractor in tokens per second on one core
(median of --runs). Model: the bundled files' size and the load time in a
fresh process (median). Training: the shipped model's own training time
(its sidecar), and ``main.py train`` on the full training file timed as a
process (median of --runs; ``--only train``, or with everything unless
--skip-train). Learning: simulated effort on the last quarter of
documents and each quarter, with and without learning, token-projected, on
the team's sports corpus (bench/sports_corpus.py) and a hand-written economy
corpus (bench/economy_corpus.py); also in --seeds shuffled orders (mean ± sd by
quarter, and in how many of them effort falls every quarter).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


from core.extract.clusters import CLUSTERS  # noqa: E402
from core.extract.corpus import GoldDoc, gold_from_sentences, read_sentences  # noqa: E402
from core.extract.crf import (  # noqa: E402
    DEFAULT_MODEL,
    CrfModel,
    CrfRecommender,
    first_pass_path,
)
from core.extract.cv import (  # noqa: E402
    SEED,
    SENTENCES_PER_DOC,
    Calibrator,
    FoldResult,
    Scored,
    document_folds,
    format_reliability,
    reliability_table,
    run_fold,
    split_documents,
)
from core.extract.pipeline import CALIBRATION, Combiner, default_recommenders  # noqa: E402
from core.extract.simulate import simulate  # noqa: E402
from core.model import Document, DocumentInfo  # noqa: E402

DEFAULT_CONLL = ROOT.parent / "shared" / "data" / "anercorp" / "train.conll"


def median_time(fn: object, runs: int) -> float:
    """Median wall time of fn() over runs."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def doc_of(text: str) -> Document:
    """A throw-away Document."""
    return Document(DocumentInfo("bench", "bench", 0.0, length=len(text)), text)


def reference_work() -> None:
    """A fixed pure-Python workload (dicts, strings, lists), to see how loaded the machine is."""
    table: dict[str, int] = {}
    for i in range(300_000):
        key = f"w={i % 5000}|{i % 7}"
        table[key] = table.get(key, 0) + len(key.split("|"))


def speed(text: str, n_tokens: int, runs: int) -> dict[str, float]:
    """Tokens per second: CRF alone (cold and warm feature cache), the full extractor, and
    the reference workload's time (same run, to compare figures taken under different load)."""
    fresh = CrfRecommender(CrfModel(DEFAULT_MODEL))
    t = time.perf_counter()
    fresh.suggest(doc_of(text))
    cold = time.perf_counter() - t
    warm = median_time(lambda: fresh.suggest(doc_of(text)), runs)
    combiner = Combiner(default_recommenders())
    full = median_time(lambda: combiner.suggest(doc_of(text)), runs)
    # Interleaved with the extractor's runs so both see the same load.
    pairs = []
    for _ in range(runs):
        ref = median_time(reference_work, 1)
        pairs.append((median_time(lambda: combiner.suggest(doc_of(text)), 1), ref))
    return {
        "reference_s": statistics.median(r for _, r in pairs),
        "extractor_per_reference": statistics.median(r / f for f, r in pairs) * n_tokens,
        "crf_cold_tok_s": n_tokens / cold,
        "crf_tok_s": n_tokens / warm,
        "extractor_tok_s": n_tokens / full,
    }


def load_time(runs: int) -> float:
    """Median seconds to import the extractor and load model, gazetteer, clusters, calibration."""
    code = (
        "import time; t=time.perf_counter();"
        "from core.extract.crf import default_model; default_model();"
        "from core.extract.gazetteer import load_gazetteer; load_gazetteer();"
        "from core.extract.clusters import load_clusters; load_clusters();"
        "from core.extract.pipeline import default_calibrator; default_calibrator();"
        "print(time.perf_counter()-t)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def quarters(result: dict) -> list[float]:  # type: ignore[type-arg]
    """Effort in each quarter of the replayed documents, in the order they were opened."""
    rows = result["documents"]
    n = len(rows)
    out = []
    for q in range(4):
        part = rows[n * q // 4 : n * (q + 1) // 4]
        gold = sum(r["gold"] for r in part)
        bad = sum(r["false_suggestions"] + r["missed"] for r in part)
        out.append(bad / max(gold, 1))
    return out


def new_names(docs: list[GoldDoc]) -> list[float]:
    """Per quarter, the share of gold entities whose form and label no earlier document had:
    what memory and retraining cannot know yet (a quarter's difficulty for learning)."""
    from core.extract.matcher import phrase_key

    n, seen, out = len(docs), set(), []
    for q in range(4):
        new = total = 0
        for doc in docs[n * q // 4 : n * (q + 1) // 4]:
            keys = [(phrase_key(doc.text[s:e]), label) for s, e, label in doc.spans]
            new += sum(k not in seen for k in keys)
            total += len(keys)
            seen.update(keys)
        out.append(new / max(total, 1))
    return out


def out_of_domain(docs: list[GoldDoc]) -> dict[str, float]:
    """Token-projected micro F1 of the bundled extractor, no learning, on a team corpus: all
    labels, PERS/LOC/ORG only (the labels AQMAR is scored on), and each label."""
    from core.evaluate import evaluate

    combiner = Combiner(default_recommenders())
    triples = []
    for d in docs:
        found = combiner.suggest(
            Document(DocumentInfo(d.id, d.id, 0.0, length=len(d.text)), d.text)
        )
        triples.append((d.text, list(d.spans), [(s.start, s.end, s.label) for s in found]))
    view = evaluate(triples)["token"]
    three = evaluate(
        (t, [g for g in gold if g[2] != "MISC"], [p for p in pred if p[2] != "MISC"])
        for t, gold, pred in triples
    )["token"]
    out = {"all": view.micro.f1, "PERS/LOC/ORG": three.micro.f1}
    out.update({label: v.f1 for label, v in sorted(view.labels.items())})
    return out


def learning(docs: list[GoldDoc], crf: CrfModel | None = None, seeds: int = 0) -> dict[str, object]:
    """Last-quarter and per-quarter effort: off, on in corpus order, on by uncertainty, and on
    in ``seeds`` shuffled orders (per-quarter mean)."""
    runs = {
        "off": simulate(docs, learning=False, crf=crf, match="token"),
        "on": simulate(docs, learning=True, crf=crf, match="token"),
        "uncertainty": simulate(docs, learning=True, crf=crf, match="token", order="uncertainty"),
    }
    out: dict[str, object] = {
        k: (v["last_quarter"]["effort"], quarters(v)) for k, v in runs.items()
    }
    out["new_names"] = new_names(list(docs))
    out["takeover"] = {
        k: v["takeover"]["project_model_from"] for k, v in runs.items() if k != "off"
    }
    # Without learning a document's effort does not depend on the order, so "off" by quarter in
    # corpus order says how hard each quarter's documents are; on / off removes that.
    off_docs = {r["id"]: r for r in runs["off"]["documents"]}
    shuffled = []
    for seed in range(seeds):
        order = list(docs)
        random.Random(seed).shuffle(order)
        res = simulate(order, learning=True, crf=crf, match="token")
        base = {"documents": [off_docs[r["id"]] for r in res["documents"]]}
        shuffled.append((quarters(res), quarters(base)))
    if shuffled:
        out["shuffled"] = (
            [statistics.mean(q[0][k] for q in shuffled) for k in range(4)],
            [statistics.mean(q[1][k] for q in shuffled) for k in range(4)],
        )
        out["shuffled_sd"] = [
            statistics.stdev(q[0][k] for q in shuffled) if len(shuffled) > 1 else 0.0
            for k in range(4)
        ]
        out["shuffled_falling"] = sum(
            all(a > b for a, b in zip(q[0], q[0][1:], strict=False)) for q in shuffled
        )
        out["seeds"] = len(shuffled)
    return out


def show_learning(name: str, n_docs: int, res: dict[str, object]) -> None:
    """The learning lines: last quarter, and each quarter, for each run."""
    off = res["off"][0]  # type: ignore[index]
    off_q = res["off"][1]  # type: ignore[index]
    print(f"learning, {name} ({n_docs} docs), effort (token-projected):")
    for key in ("off", "on", "uncertainty"):
        last, qs = res[key]  # type: ignore[misc]
        ratio = f", {last / off:.2f} x off" if off and key != "off" else ""
        label = {"off": "no learning", "on": "learning, corpus order"}.get(
            key, "learning, uncertainty order"
        )
        print(
            f"  {label:<30} last quarter {last:.3f}{ratio}; by quarter "
            + " ".join(f"{q:.3f}" for q in qs)
        )
    print(
        "  names no earlier document had (corpus order), by quarter: "
        + " ".join(f"{q:.3f}" for q in res["new_names"])  # type: ignore[attr-defined]
        + "; the project model first suggests at document "
        + ", ".join(
            f"{k} {'-' if v is None else v + 1}"
            for k, v in res["takeover"].items()  # type: ignore[attr-defined]
        )
    )
    on_q = res["on"][1]  # type: ignore[index]
    print(
        "  corpus order, learning / no learning by quarter (the quarter's difficulty removed): "
        + " ".join(f"{a / b:.3f}" if b else "-" for a, b in zip(on_q, off_q, strict=True))
    )
    if "shuffled" in res:
        on_s, off_s = res["shuffled"]  # type: ignore[misc]
        sd = res["shuffled_sd"]  # type: ignore[index]
        print(
            f"  learning, {res['seeds']} shuffled orders, by quarter (mean ± sd): "
            + " ".join(f"{q:.3f} ± {d:.3f}" for q, d in zip(on_s, sd, strict=True))
            + f"; falling every quarter in {res['shuffled_falling']} of {res['seeds']} orders"
            + "; no learning, same orders: "
            + " ".join(f"{q:.3f}" for q in off_s)
        )


def cross_validation(
    sentences: list,
    folds: int,
    run: int,
    seed: int,
    per_doc: int,  # type: ignore[type-arg]
    cache: Path | None = None,
    conll: Path | None = None,
) -> list[FoldResult]:
    """Run ``run`` of ``folds`` CV folds by document; print each fold and the mean and sd.

    With ``cache``, each fold's model is the one ``bench/learning_cv.py`` keeps there (trained
    the same way on the same folds, keyed by the CoNLL file), trained first if missing:
    decisions that leave the model alone (rules, combiner, calibration) are then checked in
    minutes.
    """
    docs = split_documents(sentences, per_doc)
    fold_docs = document_folds(len(docs), folds, seed)
    results = []
    for f in range(min(run, folds)):
        held = set(fold_docs[f])
        train = [s for n, d in enumerate(docs) if n not in held for s in d]
        test = [docs[n] for n in fold_docs[f]]
        model = None
        if cache is not None and conll is not None and per_doc == SENTENCES_PER_DOC:
            from learning_cv import fold_model

            model = fold_model(conll, cache, f, folds, seed, train)
        res = run_fold(
            f,
            train,
            test,
            make_combiner=lambda path: Combiner(
                default_recommenders(crf_model=path), calibrator=None
            ),
            train_kwargs={"two_pass": True},
            model=model,
        )
        labels = ", ".join(f"{k} {v.f1:.3f}" for k, v in sorted(res.labels.items()))
        print(
            f"  fold {f + 1}/{folds}: {len(test)} docs, token micro F1 {res.micro.f1:.4f} "
            f"(P {res.micro.precision:.4f} R {res.micro.recall:.4f}; {labels}) "
            f"[{res.seconds:.0f} s]",
            flush=True,
        )
        results.append(res)
    return results


def show_cv(results: list[FoldResult], folds: int, write: Path | None) -> None:
    """Mean and sd over folds, per label, and the reliability tables (raw, cross-fitted)."""
    f1s = [r.micro.f1 for r in results]
    sd = statistics.stdev(f1s) if len(f1s) > 1 else 0.0
    print(
        f"CV ({len(results)} of {folds} folds by document): full extractor token-projected "
        f"micro F1 {statistics.mean(f1s):.4f} ± {sd:.4f} "
        f"(P {statistics.mean(r.micro.precision for r in results):.4f}, "
        f"R {statistics.mean(r.micro.recall for r in results):.4f})"
    )
    labels = sorted({k for r in results for k in r.labels})
    print(
        "  per label (mean F1): "
        + ", ".join(
            f"{k} {statistics.mean(r.labels[k].f1 for r in results if k in r.labels):.3f}"
            for k in labels
        )
    )
    raw = [s for r in results for s in r.scored]
    print("reliability, raw scores (all CV suggestions):")
    print(format_reliability(reliability_table(raw)))
    if len(results) > 1:
        crossed = []
        for r in results:
            cal = Calibrator.fit(s for o in results if o is not r for s in o.scored)
            crossed.extend(Scored(s.origin, cal(s.origin, s.score), s.right) for s in r.scored)
        print("reliability, calibrated scores (each fold calibrated on the other folds):")
        print(format_reliability(reliability_table(crossed)))
    if write is not None:
        write.write_text(
            json.dumps(Calibrator.fit(raw).to_json(), indent=1) + "\n", encoding="utf-8"
        )
        print(f"calibration written to {write}")


def main() -> int:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folds", type=int, default=5, help="CV folds (by document)")
    parser.add_argument("--run-folds", type=int, default=None, help="run only the first N folds")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--doc-sentences", type=int, default=SENTENCES_PER_DOC)
    parser.add_argument("--only", choices=["cv", "learning", "speed", "train"], default=None)
    parser.add_argument(
        "--write-calibration", action="store_true", help=f"write {CALIBRATION.name} from the folds"
    )
    parser.add_argument(
        "--seeds", type=int, default=10, help="shuffled document orders for the learning curve"
    )
    parser.add_argument("--skip-train", action="store_true", help="skip the full training runs")
    parser.add_argument(
        "--fold-cache",
        nargs="?",
        const=str(Path.home() / ".cache" / "tawsim-bench" / "learning-cv"),
        default=None,
        help="reuse (or train and keep) the CV fold models there, as bench/learning_cv.py does",
    )
    args = parser.parse_args()
    runs = max(args.runs, 1)
    only = args.only

    from bench.sports_corpus import gold_docs

    if only in (None, "speed"):
        files = [DEFAULT_MODEL, first_pass_path(DEFAULT_MODEL), CLUSTERS]
        size = sum(f.stat().st_size for f in files if f.exists())
        print(f"model {DEFAULT_MODEL.name} (+ first pass) + clusters: {size / 1e6:.2f} MB")
        print(
            f"load (import + model + gazetteer + clusters + calibration, fresh process, "
            f"median of {runs}): "
            f"{load_time(runs):.3f} s"
        )
    if only in (None, "learning"):
        from bench.economy_corpus import gold_docs as economy_docs

        for name, make in (
            ("team's sports corpus", gold_docs),
            ("hand-written economy corpus (bench/economy_corpus.py)", economy_docs),
        ):
            docs = [GoldDoc(i, t, s) for i, t, s in make()]
            ood = out_of_domain(docs)
            print(
                f"out of domain, {name}, no learning: token micro F1 "
                + ", ".join(f"{k} {v:.3f}" for k, v in ood.items())
            )
            show_learning(f"{name}, bundled model", len(docs), learning(docs, seeds=args.seeds))
    conll = Path(args.conll)
    if not conll.exists():
        print(f"{conll}: not found; accuracy, speed and training figures skipped")
        return 0
    sentences = read_sentences([conll])
    if only in (None, "cv"):
        run = args.run_folds or args.folds
        cache = Path(args.fold_cache) if args.fold_cache else None
        results = cross_validation(
            sentences, args.folds, run, args.seed, args.doc_sentences, cache, conll
        )
        show_cv(results, args.folds, CALIBRATION if args.write_calibration else None)
    if only in (None, "speed"):
        sample = sentences[-len(sentences) // 10 :]
        n_tokens = sum(len(s) for s in sample)
        sp = speed(gold_from_sentences("speed", sample).text, n_tokens, runs)
        print(
            f"speed (bundled model, one core, {n_tokens} tokens, median of {runs}): "
            f"CRF {sp['crf_tok_s']:,.0f} tokens/s (first run, cold cache: "
            f"{sp['crf_cold_tok_s']:,.0f}); full extractor {sp['extractor_tok_s']:,.0f} tokens/s"
        )
        print(
            f"  load: loadavg {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; reference "
            f"workload {sp['reference_s']:.3f} s; full extractor "
            f"{sp['extractor_per_reference']:,.0f} tokens per reference-workload time"
        )
    if only in (None, "speed", "train"):
        meta = CrfModel(DEFAULT_MODEL).meta
        print(
            f"shipped model {DEFAULT_MODEL.name}: trained {meta.get('trained', '?')} in "
            f"{meta.get('seconds', '?')} s on {meta.get('workers', '?')} cores "
            f"({meta.get('tokens', '?')} tokens, "
            f"minfreq {meta.get('params', {}).get('feature.minfreq', '?')})"
        )
    if only == "train" or (only is None and not args.skip_train):
        # The command that builds the shipped model (README), timed as a whole process.
        times = []
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "main.py", "train", "--conll", str(conll)]
            for _ in range(runs):
                t = time.perf_counter()
                subprocess.run(
                    [*cmd, "--out", str(Path(tmp) / "full.crfsuite")],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                )
                times.append(time.perf_counter() - t)
        print(
            f"training: `main.py train --conll {conll.name}` (two passes, 2 cores, "
            f"median of {runs}, loadavg {os.getloadavg()[0]:.2f}): {statistics.median(times):.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
