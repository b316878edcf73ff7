"""Figures for the extractor: accuracy (dev), speed, model size and load time, learning.

    .venv/bin/python bench/extractor.py [--conll ../shared/data/anercorp/train.conll]
                                        [--runs 5] [--skip-train]

Accuracy: a model is trained on the first 90 % of the training file's
sentences and scored on the last 10 % (the dev split), token-projected micro
F1, for the CRF alone on the CoNLL tokens and for the full default extractor
on the dev text. Speed: CRF tagging and the full extractor in tokens per
second on one core (median of --runs). Model: the bundled file's size and its
load time in a fresh process (median). Training: the full training file,
once. Learning: simulated effort on the last quarter of documents, with and
without learning, on the team's sports corpus (bench/sports_corpus.py) and on
the dev split cut into 10-sentence documents.
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
from core.extract.conll_io import (  # noqa: E402
    ConllDoc,
    GoldDoc,
    bio_entities,
    conll_doc_to_gold,
    read_conll,
)
from core.extract.crf import DEFAULT_MODEL, CrfModel, CrfRecommender, train_crf  # noqa: E402
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


def accuracy(train: list, dev: list, model_path: Path) -> dict[str, float]:  # type: ignore[type-arg]
    """Token micro F1 on dev: the CRF on CoNLL tokens, and the full extractor on the text."""
    model = CrfModel(model_path)
    crf = Scores()
    for sent in dev:
        pred, _ = model.tag([t for t, _ in sent])
        gold, got = set(bio_entities(t for _, t in sent)), set(bio_entities(pred))
        crf.tp += len(gold & got)
        crf.fp += len(got - gold)
        crf.fn += len(gold - got)
    gold_doc = conll_doc_to_gold(ConllDoc("dev", dev))
    combiner = Combiner(default_recommenders(crf_model=model_path))
    pred_spans = [(s.start, s.end, s.label) for s in combiner.suggest(doc_of(gold_doc.text))]
    views = evaluate([(gold_doc.text, gold_doc.spans, pred_spans)], tokens=[gold_doc.tokens])
    return {
        "crf_token_f1": crf.f1,
        "crf_token_p": crf.precision,
        "crf_token_r": crf.recall,
        "extractor_token_f1": views["token"].micro.f1,
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


def learning(docs: list[GoldDoc]) -> dict[str, float]:
    """Last-quarter effort with and without learning, and the reduction."""
    on = simulate(docs, learning=True)["last_quarter"]["effort"]
    off = simulate(docs, learning=False)["last_quarter"]["effort"]
    return {"on": on, "off": off, "reduction": (off - on) / off if off else 0.0}


def main() -> int:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-train", action="store_true", help="skip the full training run")
    args = parser.parse_args()

    from sports_corpus import gold_docs

    sports = [GoldDoc(i, t, s) for i, t, s in gold_docs()]
    print(f"model {DEFAULT_MODEL.name}: {DEFAULT_MODEL.stat().st_size / 1e6:.2f} MB")
    print(f"load (import + model + gazetteer, fresh process, median): {load_time(args.runs):.3f} s")
    res = learning(sports)
    print(
        f"learning, sports corpus ({len(sports)} docs), last-quarter effort: "
        f"on {res['on']:.3f}, off {res['off']:.3f}, reduction {res['reduction']:.0%}"
    )
    conll = Path(args.conll)
    if not conll.exists():
        print(f"{conll}: not found; accuracy, speed and training figures skipped")
        return 0
    sentences = [s for d in read_conll(conll) for s in d.sentences]
    cut = len(sentences) - len(sentences) // 10
    train, dev = sentences[:cut], sentences[cut:]
    n_dev_tokens = sum(len(s) for s in dev)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train90.crfsuite"
        result = train_crf(train, path)
        print(f"dev split: last {len(dev)} sentences, {n_dev_tokens} tokens")
        print(f"training on 90 %: {result.seconds:.1f} s")
        acc = accuracy(train, dev, path)
        print(
            f"accuracy (dev, token-projected micro F1): CRF {acc['crf_token_f1']:.4f} "
            f"(P {acc['crf_token_p']:.4f} R {acc['crf_token_r']:.4f}); full extractor "
            f"{acc['extractor_token_f1']:.4f} (exact {acc['extractor_exact_f1']:.4f}, "
            f"overlap {acc['extractor_overlap_f1']:.4f})"
        )
        dev_docs = chunk_conll_docs([conll_doc_to_gold(ConllDoc("dev", dev))], 10)
        on = simulate(dev_docs, learning=True, crf=CrfModel(path))["last_quarter"]["effort"]
        off = simulate(dev_docs, learning=False, crf=CrfModel(path))["last_quarter"]["effort"]
        print(
            f"learning, ANERcorp dev in 10-sentence docs ({len(dev_docs)} docs), last-quarter "
            f"effort: on {on:.3f}, off {off:.3f}, reduction {(off - on) / off:.0%}"
        )
    dev_text = conll_doc_to_gold(ConllDoc("dev", dev)).text
    sp = speed(dev_text, n_dev_tokens, args.runs)
    print(
        f"speed (one core, median of {args.runs}): CRF {sp['crf_tok_s']:,.0f} tokens/s "
        f"(first run, cold cache: {sp['crf_cold_tok_s']:,.0f}); full extractor "
        f"{sp['extractor_tok_s']:,.0f} tokens/s"
    )
    if not args.skip_train:
        with tempfile.TemporaryDirectory() as tmp:
            result = train_crf(sentences, Path(tmp) / "full.crfsuite")
        print(f"training on the full file ({result.tokens} tokens): {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
