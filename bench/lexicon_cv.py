"""Lexical resources from PyPI as CRF features, each measured on the extractor's 5-fold CV.

    .venv/bin/python bench/lexicon_cv.py --resource arramooz|wordfreq|stopwords
        [--conll ../shared/data/anercorp/train.conll] [--folds 5] [--run-folds N]

The same protocol as ``bench/extractor.py --only cv`` (folds by document,
seed 14, two-pass training, the full extractor on each held-out document),
with one resource's features added to every token's own features:

- ``arramooz`` (arramooz-pysqlite, an Arabic dictionary): whether the token's
  stem without its article is a dictionary noun or verb or neither, and the
  noun's category (``علم مكان`` is a place name, ``مصدر`` a verbal noun...):
  a common noun or verb is less likely a name.
- ``wordfreq`` (wordfreq's Arabic list): the Zipf frequency band of the token
  and of its stem.
- ``stopwords`` (arabic-stopwords): whether the token is a stop word.

The packages are needed only to run this measurement (``pip install
arramooz-pysqlite wordfreq arabic-stopwords``); the extractor does not use
them unless one measured better (see the README's extractor figures).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench.extractor import DEFAULT_CONLL, cross_validation, show_cv  # noqa: E402
from core.extract.corpus import read_sentences  # noqa: E402
from core.extract.cv import SEED, SENTENCES_PER_DOC  # noqa: E402
from core.extract.features import FeatureExtractor  # noqa: E402

Lookup = Callable[[str, str, str], list[str]]  # (token without punctuation, norm, stem) -> feats


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def arramooz() -> Lookup:
    """Dictionary class of the stem: noun, verb, neither; noun categories."""
    from arramooz.arabicdictionary import ArabicDictionary

    nouns, verbs = ArabicDictionary("nouns"), ArabicDictionary("verbs")

    def feats(raw: str, norm: str, stem: str) -> list[str]:
        # The dictionary holds unvocalised forms with hamzas: try the raw stem, then ours.
        split = len(raw) - len(stem) if len(raw) > len(stem) else 0
        out: list[str] = []
        for form in dict.fromkeys((_bare(raw[split:]), _bare(stem))):
            found_n, found_v = nouns.lookup(form), verbs.lookup(form)
            if found_n or found_v:
                out += ["dn"] if found_n else []
                out += ["dv"] if found_v else []
                cats = {dict(row).get("category") or "" for row in found_n}
                out += [f"dcat={c}" for c in sorted(cats) if c]
                return out
        return ["dnone"]

    return feats


def wordfreq() -> Lookup:
    """Zipf frequency bands of the token and its stem."""
    from wordfreq import zipf_frequency

    def feats(raw: str, norm: str, stem: str) -> list[str]:
        out = [f"wf={int(zipf_frequency(raw, 'ar'))}"]
        if stem != norm:
            out.append(f"swf={int(zipf_frequency(stem, 'ar'))}")
        return out

    return feats


def stopwords() -> Lookup:
    """Stop word or not."""
    import arabicstopwords.arabicstopwords as stp

    def feats(raw: str, norm: str, stem: str) -> list[str]:
        return ["stop"] if stp.is_stop(raw) else []

    return feats


RESOURCES: dict[str, Callable[[], Lookup]] = {
    "arramooz": arramooz,
    "wordfreq": wordfreq,
    "stopwords": stopwords,
}


def add_features(lookup: Lookup) -> None:
    """Every FeatureExtractor made from now on adds lookup's features to each token's own."""
    from core.extract.features import _PUNCT_STRIP

    plain = FeatureExtractor._token_features

    def token_features(self: FeatureExtractor, token: str) -> tuple[tuple[str, ...], str, str]:
        feats, norm, stem = plain(self, token)
        raw = token.strip(_PUNCT_STRIP) or token
        return (*feats, *lookup(raw, norm, stem)), norm, stem

    FeatureExtractor._token_features = token_features  # type: ignore[method-assign]


def main() -> int:
    """Run the CV with one resource's features and print it as bench/extractor.py does."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resource", choices=sorted(RESOURCES), required=True)
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--run-folds", type=int, default=None)
    args = parser.parse_args()
    add_features(RESOURCES[args.resource]())
    started = time.monotonic()
    sentences = read_sentences([Path(args.conll)])
    results = cross_validation(
        sentences, args.folds, args.run_folds or args.folds, SEED, SENTENCES_PER_DOC
    )
    print(f"resource: {args.resource}")
    show_cv(results, args.folds, None)
    print(f"[{time.monotonic() - started:.0f} s]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
