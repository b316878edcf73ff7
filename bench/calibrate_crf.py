"""Calibration: a plain word-and-affix CRF against our model, on the same dev split.

    .venv/bin/python bench/calibrate_crf.py [--conll ../shared/data/anercorp/train.conll]

The issue says a plain word-and-affix CRF scores about 0.64 token-projected
micro F1 on the held-back ANERcorp test split. Training that same plain CRF
on the first 90 % of the training file's sentences and scoring it on the last
10 % (our dev split) tells how our dev split compares with the test split,
so our model's dev figure can be read against the 0.72 target.

Plain CRF features: the word, its prefixes and suffixes of length 1-3, the
same for the words at -1 and +1, BOS/EOS; nothing else (crfsuite defaults
as in our model: L-BFGS, c1 0.05, c2 0.01, 200 iterations). Our model: the
two-pass CRF as ``main.py train`` trains it. Both are scored on the CoNLL
tokens with ``core.evaluate`` (token view, micro average and per label).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.evaluate import evaluate  # noqa: E402
from core.extract.corpus import Sentence, gold_from_sentences, read_sentences  # noqa: E402
from core.extract.crf import DEFAULT_PARAMS, CrfModel, train_crf  # noqa: E402

DEFAULT_CONLL = ROOT.parent / "shared" / "data" / "anercorp" / "train.conll"


def _word_feats(prefix: str, word: str) -> list[str]:
    out = [f"{prefix}w={word}"]
    for k in (1, 2, 3):
        out.append(f"{prefix}p{k}={word[:k]}")
        out.append(f"{prefix}s{k}={word[-k:]}")
    return out


def plain_features(tokens: Sequence[str]) -> list[list[str]]:
    """The plain word-and-affix features of one sentence."""
    n = len(tokens)
    rows = []
    for i, word in enumerate(tokens):
        row = ["bias", *_word_feats("", word)]
        row += _word_feats("-1", tokens[i - 1]) if i > 0 else ["BOS"]
        row += _word_feats("+1", tokens[i + 1]) if i + 1 < n else ["EOS"]
        rows.append(row)
    return rows


def score(dev: list[Sentence], predicted: list[list[str]]) -> dict[str, Any]:
    """Token-projected scores (core.evaluate) of predicted tags on the dev sentences."""
    gold = gold_from_sentences("dev", dev)
    pred_sents = [
        [(tok, tag) for (tok, _), tag in zip(sent, tags, strict=True)]
        for sent, tags in zip(dev, predicted, strict=True)
    ]
    pred = gold_from_sentences("dev", pred_sents)
    assert pred.text == gold.text
    view = evaluate([(gold.text, gold.spans, pred.spans)], tokens=[gold.tokens])["token"]
    return {
        "micro": view.micro,
        "labels": {k: v.f1 for k, v in sorted(view.labels.items())},
    }


def show(name: str, res: dict[str, Any], seconds: float) -> None:
    """One result line."""
    m = res["micro"]
    labels = " ".join(f"{k} {v:.3f}" for k, v in res["labels"].items())
    print(
        f"{name}: token micro F1 {m.f1:.4f} (P {m.precision:.4f} R {m.recall:.4f}); "
        f"{labels}; trained in {seconds:.0f} s"
    )


def main() -> int:
    """Train both models on 90 %, score both on the last 10 %."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--skip-ours", action="store_true", help="only the plain CRF")
    args = parser.parse_args()
    import pycrfsuite  # type: ignore[import-untyped]

    sentences = read_sentences([args.conll])
    cut = len(sentences) - len(sentences) // 10
    train, dev = sentences[:cut], sentences[cut:]
    dev_tokens = [[t for t, _ in s] for s in dev]
    print(f"train: first {len(train)} sentences; dev: last {len(dev)} sentences")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        trainer = pycrfsuite.Trainer(verbose=False)
        for sent in train:
            trainer.append(plain_features([t for t, _ in sent]), [tag for _, tag in sent])
        trainer.set_params(DEFAULT_PARAMS)
        plain_path = str(Path(tmp) / "plain.crfsuite")
        trainer.train(plain_path)
        secs = time.monotonic() - t0
        tagger = pycrfsuite.Tagger()
        tagger.open(plain_path)
        plain = score(dev, [tagger.tag(plain_features(toks)) for toks in dev_tokens])
        show("plain word-and-affix CRF", plain, secs)
        if not args.skip_ours:
            path = Path(tmp) / "ours.crfsuite"
            result = train_crf(train, path, two_pass=True)
            model = CrfModel(path)
            ours = score(dev, [tags for tags, _ in model.tag_document(dev_tokens)])
            show("our two-pass CRF", ours, result.seconds)
            gap = ours["micro"].f1 - plain["micro"].f1
            print(
                f"ours - plain on dev: {gap:+.4f}; if the gap carries over to the test split "
                f"(plain ~0.64 there), ours would score ~{0.64 + gap:.3f} there"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
