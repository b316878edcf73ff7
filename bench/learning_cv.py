"""Learning on ANERcorp's CV folds: simulated effort on documents no model has seen.

    .venv/bin/python bench/learning_cv.py [--conll ../shared/data/anercorp/train.conll]
        [--folds 5] [--run-folds N] [--seed 14] [--piece-sentences 10]
        [--cache DIR] [--retrain-every 1] [--order corpus|uncertainty]

The learning figures in ``bench/extractor.py`` come from two corpora the team
wrote; a change to how the app learns (the project memory, the project model,
how the combiner weighs them) is also checked here, on the folds of the
extractor's own cross-validation (``core.extract.cv``: pseudo-documents of
100 sentences, dealt into folds with the fixed seed). For each fold a model
is trained as ``main.py train`` does on the other folds (cached in --cache,
keyed by fold, seed, the corpus's content, and what the features depend on:
their code's version, the training parameters, gazetteers, clusters), and the
annotator is replayed over the held-out documents cut into pieces of
--piece-sentences sentences, with and without learning
(``core.extract.simulate``), in corpus order or, with ``--order uncertainty``,
opening each time the piece the current model is least sure about. Prints
effort by quarter per fold, the ratio learning / no learning on the same
pieces (the last quarter opened, and all of them), and the mean ± sd over the
folds; with learning, effort over all pieces is comparable between the orders.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from core.extract.clusters import CLUSTERS  # noqa: E402
from core.extract.corpus import gold_from_sentences, read_sentences  # noqa: E402
from core.extract.crf import DEFAULT_PARAMS, FEATURES_VERSION, CrfModel, train_crf  # noqa: E402
from core.extract.cv import SEED, document_folds, split_documents  # noqa: E402
from core.extract.simulate import ORDERS, chunk_conll_docs, simulate  # noqa: E402

DEFAULT_CONLL = ROOT.parent / "shared" / "data" / "anercorp" / "train.conll"
DEFAULT_CACHE = Path.home() / ".cache" / "tawsim-bench" / "learning-cv"


def quarters(rows: list[dict]) -> list[float]:  # type: ignore[type-arg]
    """Effort in each quarter of the replayed documents."""
    n = len(rows)
    return [effort(rows[n * q // 4 : n * (q + 1) // 4]) for q in range(4)]


def effort(rows: list[dict]) -> float:  # type: ignore[type-arg]
    """(false suggestions + missed) / gold entities over the rows."""
    gold = sum(r["gold"] for r in rows)
    return sum(r["false_suggestions"] + r["missed"] for r in rows) / max(gold, 1)


def features_key() -> str:
    """What a model's features depend on besides the corpus: the feature code's version,
    the training parameters, the gazetteer lists and the cluster table (a short hash)."""
    digest = hashlib.sha256(f"{FEATURES_VERSION}|{sorted(DEFAULT_PARAMS.items())}".encode())
    for f in sorted((ROOT / "resources" / "gazetteers").glob("*.txt")):
        digest.update(f.read_bytes())
    if CLUSTERS.exists():
        digest.update(CLUSTERS.read_bytes())
    return digest.hexdigest()[:10]


def fold_model(conll: Path, cache: Path, fold: int, folds: int, seed: int, train: list) -> Path:  # type: ignore[type-arg]
    """The fold's model, trained on the other folds unless the cache has it."""
    # The corpus by content, not by its file's date, which changes with every copy.
    corpus = hashlib.sha256(conll.read_bytes()).hexdigest()[:10]
    key = f"f{fold}of{folds}-s{seed}-{corpus}-{features_key()}"
    path = cache / f"{key}.crfsuite"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        train_crf(train, path, two_pass=True)
        print(f"  fold {fold + 1}: trained in {time.monotonic() - started:.0f} s", flush=True)
    return path


def main() -> int:
    """Print the per-fold and mean learning figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--run-folds", type=int, default=None)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--piece-sentences", type=int, default=10)
    parser.add_argument("--retrain-every", type=int, default=1)
    parser.add_argument("--cache", default=str(DEFAULT_CACHE))
    parser.add_argument("--order", choices=ORDERS, default="corpus")
    args = parser.parse_args()
    conll = Path(args.conll)
    if not conll.exists():
        print(f"{conll}: not found")
        return 1
    sentences = read_sentences([conll])
    docs = split_documents(sentences)
    fold_docs = document_folds(len(docs), args.folds, args.seed)
    ratios, totals, efforts = [], [], []
    for f in range(min(args.run_folds or args.folds, args.folds)):
        held = set(fold_docs[f])
        train = [s for n, d in enumerate(docs) if n not in held for s in d]
        model = CrfModel(fold_model(conll, Path(args.cache), f, args.folds, args.seed, train))
        gold = [gold_from_sentences(f"f{f}-{n}", docs[n]) for n in fold_docs[f]]
        pieces = chunk_conll_docs(gold, args.piece_sentences)
        off = simulate(pieces, learning=False, crf=model, match="token")
        on = simulate(
            pieces,
            learning=True,
            crf=model,
            match="token",
            retrain_every=args.retrain_every,
            order=args.order,
        )
        # Without learning a piece's effort does not depend on the order: the same pieces
        # in the order the learning run opened them.
        by_id = {r["id"]: r for r in off["documents"]}
        same = [by_id[r["id"]] for r in on["documents"]]
        last = len(same) - max(len(same) // 4, 1)
        q_off, q_on = quarters(same), quarters(on["documents"])
        ratio = on["last_quarter"]["effort"] / max(effort(same[last:]), 1e-9)
        ratios.append(ratio)
        totals.append(on["total"]["effort"] / max(off["total"]["effort"], 1e-9))
        efforts.append(on["total"]["effort"])
        print(
            f"  fold {f + 1}/{args.folds}: {len(pieces)} pieces; effort by quarter, no learning "
            + " ".join(f"{q:.3f}" for q in q_off)
            + " / learning "
            + " ".join(f"{q:.3f}" for q in q_on)
            + f"; last quarter {ratio:.3f} x, all documents {totals[-1]:.3f} x "
            f"({efforts[-1]:.3f}); project model from document "
            f"{on['takeover']['project_model_from']}",
            flush=True,
        )
    sd = statistics.stdev(ratios) if len(ratios) > 1 else 0.0
    sd_t = statistics.stdev(totals) if len(totals) > 1 else 0.0
    sd_e = statistics.stdev(efforts) if len(efforts) > 1 else 0.0
    print(
        f"learning ({args.order} order) / no learning over {len(ratios)} folds: last quarter "
        f"{statistics.mean(ratios):.3f} ± {sd:.3f}, all documents "
        f"{statistics.mean(totals):.3f} ± {sd_t:.3f}; effort with learning, all documents "
        f"{statistics.mean(efforts):.3f} ± {sd_e:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
