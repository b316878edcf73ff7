"""Figures for the extractor: accuracy (dev), speed, training, model size and load time, learning.

    .venv/bin/python bench/extractor.py [--conll ../shared/data/anercorp/train.conll]
                                        [--runs 3] [--skip-train]

Accuracy: a model is trained (as ``main.py train`` does: two passes, two
cores) on the first 90 % of the training file's sentences and scored on the
last 10 % (the dev split), token-projected micro F1, for the CRF alone on the
CoNLL tokens and for the full default extractor on the dev text (median of
--runs trainings: crfsuite's L-BFGS is deterministic, so they agree). Speed:
the bundled model's CRF and the full extractor in tokens per second on one
core (median of --runs). Model: the bundled files' size and the load time in
a fresh process (median). Training: the full training file (median of
--runs unless --skip-train). Learning: simulated effort on the last quarter
of documents, with and without learning, token-projected, on the team's
sports corpus (bench/sports_corpus.py) and on the dev split cut into
10-sentence documents; the dev split's model is the 90 % one.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from core.evaluate import Scores, evaluate  # noqa: E402
from core.extract.corpus import (  # noqa: E402
    GoldDoc,
    bio_entities,
    gold_from_sentences,
    read_sentences,
)
from core.extract.crf import (  # noqa: E402
    DEFAULT_MODEL,
    CrfModel,
    CrfRecommender,
    first_pass_path,
    train_crf,
)
from core.extract.pipeline import Combiner, default_recommenders  # noqa: E402
from core.extract.simulate import chunk_conll_docs, simulate  # noqa: E402
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


def accuracy(dev: list, model_path: Path) -> dict[str, float]:  # type: ignore[type-arg]
    """Token micro F1 on dev: the CRF on CoNLL tokens, and the full extractor on the text."""
    model = CrfModel(model_path)
    crf = Scores()
    tagged = model.tag_document([[t for t, _ in sent] for sent in dev])
    for sent, (pred, _) in zip(dev, tagged, strict=True):
        gold, got = set(bio_entities(t for _, t in sent)), set(bio_entities(pred))
        crf.tp += len(gold & got)
        crf.fp += len(got - gold)
        crf.fn += len(gold - got)
    gold_doc = gold_from_sentences("dev", dev)
    combiner = Combiner(default_recommenders(crf_model=model_path))
    pred_spans = [(s.start, s.end, s.label) for s in combiner.suggest(doc_of(gold_doc.text))]
    views = evaluate([(gold_doc.text, gold_doc.spans, pred_spans)], tokens=[gold_doc.tokens])
    return {
        "crf_token_f1": crf.f1,
        "crf_token_p": crf.precision,
        "crf_token_r": crf.recall,
        "extractor_token_f1": views["token"].micro.f1,
        "extractor_token_p": views["token"].micro.precision,
        "extractor_token_r": views["token"].micro.recall,
        "extractor_exact_f1": views["exact"].micro.f1,
        "extractor_overlap_f1": views["overlap"].micro.f1,
    }


def speed(text: str, n_tokens: int, runs: int) -> dict[str, float]:
    """Tokens per second: CRF alone (cold and warm feature cache) and the full extractor."""
    fresh = CrfRecommender(CrfModel(DEFAULT_MODEL))
    t = time.perf_counter()
    fresh.suggest(doc_of(text))
    cold = time.perf_counter() - t
    warm = median_time(lambda: fresh.suggest(doc_of(text)), runs)
    combiner = Combiner(default_recommenders())
    full = median_time(lambda: combiner.suggest(doc_of(text)), runs)
    return {
        "crf_cold_tok_s": n_tokens / cold,
        "crf_tok_s": n_tokens / warm,
        "extractor_tok_s": n_tokens / full,
    }


def load_time(runs: int) -> float:
    """Median seconds to import the extractor and load the bundled model in a new process."""
    code = (
        "import time; t=time.perf_counter();"
        "from core.extract.crf import default_model; default_model();"
        "from core.extract.gazetteer import load_gazetteer; load_gazetteer();"
        "print(time.perf_counter()-t)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def learning(docs: list[GoldDoc], crf: CrfModel | None = None) -> dict[str, float]:
    """Last-quarter effort (token-projected) with and without learning, and the reduction."""
    on = simulate(docs, learning=True, crf=crf, match="token")["last_quarter"]["effort"]
    off = simulate(docs, learning=False, crf=crf, match="token")["last_quarter"]["effort"]
    return {"on": on, "off": off, "reduction": (off - on) / off if off else 0.0}


def show_learning(name: str, n_docs: int, res: dict[str, float]) -> None:
    """One learning line."""
    print(
        f"learning, {name} ({n_docs} docs), last-quarter effort: on {res['on']:.3f}, "
        f"off {res['off']:.3f}, reduction {res['reduction']:.0%}"
    )


def main() -> int:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-train", action="store_true", help="skip the full training runs")
    args = parser.parse_args()
    runs = max(args.runs, 1)

    from bench.sports_corpus import gold_docs

    files = [DEFAULT_MODEL, first_pass_path(DEFAULT_MODEL)]
    size = sum(f.stat().st_size for f in files if f.exists())
    print(f"model {DEFAULT_MODEL.name} (+ first pass): {size / 1e6:.2f} MB")
    print(
        f"load (import + model + gazetteer, fresh process, median of {runs}): "
        f"{load_time(runs):.3f} s"
    )
    sports = [GoldDoc(i, t, s) for i, t, s in gold_docs()]
    show_learning("team's sports corpus, bundled model", len(sports), learning(sports))
    conll = Path(args.conll)
    if not conll.exists():
        print(f"{conll}: not found; accuracy, speed and training figures skipped")
        return 0
    sentences = read_sentences([conll])
    cut = len(sentences) - len(sentences) // 10
    train, dev = sentences[:cut], sentences[cut:]
    n_dev_tokens = sum(len(s) for s in dev)
    print(f"dev split: last {len(dev)} sentences, {n_dev_tokens} tokens")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train90.crfsuite"
        results = []
        for _ in range(runs if not args.skip_train else 1):
            t = train_crf(train, path, two_pass=True, meta={"holdout": 0.1})
            results.append((t.seconds, accuracy(dev, path)))
        secs = statistics.median(r[0] for r in results)
        acc = {k: statistics.median(r[1][k] for r in results) for k in results[0][1]}
        print(f"training on 90 % (two passes, 2 cores, median of {len(results)}): {secs:.1f} s")
        print(
            f"accuracy (dev, token-projected micro F1, median of {len(results)}): "
            f"CRF {acc['crf_token_f1']:.4f} (P {acc['crf_token_p']:.4f} "
            f"R {acc['crf_token_r']:.4f}); "
            f"full extractor {acc['extractor_token_f1']:.4f} (P {acc['extractor_token_p']:.4f} "
            f"R {acc['extractor_token_r']:.4f}; exact {acc['extractor_exact_f1']:.4f}, "
            f"overlap {acc['extractor_overlap_f1']:.4f})"
        )
        dev_docs = chunk_conll_docs([gold_from_sentences("dev", dev)], 10)
        show_learning(
            "ANERcorp dev in 10-sentence docs, 90 % model",
            len(dev_docs),
            learning(dev_docs, CrfModel(path)),
        )
        sports_res = learning(sports, CrfModel(path))
        show_learning("team's sports corpus, 90 % model", len(sports), sports_res)
    dev_text = gold_from_sentences("dev", dev).text
    sp = speed(dev_text, n_dev_tokens, runs)
    print(
        f"speed (bundled model, one core, median of {runs}): CRF {sp['crf_tok_s']:,.0f} tokens/s "
        f"(first run, cold cache: {sp['crf_cold_tok_s']:,.0f}); full extractor "
        f"{sp['extractor_tok_s']:,.0f} tokens/s"
    )
    if not args.skip_train:
        times = []
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(runs):
                times.append(train_crf(sentences, Path(tmp) / "full.crfsuite", two_pass=True))
        print(
            f"training on the full file ({times[0].tokens} tokens, two passes, 2 cores, "
            f"median of {runs}): {statistics.median(t.seconds for t in times):.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
