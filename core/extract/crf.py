"""The statistical recommender: a linear-chain CRF (python-crfsuite) with Arabic features.

Training data are CoNLL sentences of whitespace tokens, as in ANERcorp, where
a proclitic stays on its token (``وسوريا B-LOC``). When tagging a document,
its text is cut into sentences (``core.text.sentences``) and tokens
(``core.text.tokenize``, which puts punctuation apart as ANERcorp mostly
does). An entity's score is the smallest marginal probability of its tags.
Suggested spans leave out a leading proclitic when it is safely one
(``والولايات المتحدة`` -> ``الولايات المتحدة``, ``بسوريا`` -> ``سوريا``).

The default model tags in two passes. A first-pass CRF tags every sentence
of the document; the second-pass CRF (the model file itself) then also sees,
for each token, how the first pass tagged the same article-free form in the
sentences around it (``features.document_features``), so a name recognised
in one sentence is recognised in the next. For training, the first pass's
tags on the training data come from K-fold jackknifing (each fold tagged by
a model that never saw it), trained on two cores: the folds first, then the
second pass beside the full first pass (which only tagging needs).

When tagging, each pass gets only the attributes its model has a weight for
(``CrfModel.known_attributes``): crfsuite would ignore the others, but
converting them is most of the cost of its ``Tagger.set``.

A model is a crfsuite file plus a JSON sidecar (``MODEL.json``) with its
version and how it was trained; a two-pass model's sidecar names its
first-pass file (``first_pass``), which lies beside it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.arabic import name_stem_offset
from core.errors import TawsimError
from core.extract.base import Suggestion
from core.extract.corpus import bio_entities
from core.extract.features import FeatureExtractor, bare_form, document_features
from core.extract.matcher import document_tokens
from core.model import Document
from core.text import Token, normalize_str, sentences

if TYPE_CHECKING:
    pass

__all__ = [
    "CrfModel",
    "CrfRecommender",
    "DEFAULT_MODEL",
    "train_crf",
    "tag_text",
]

MODELS_DIR = Path(__file__).resolve().parents[2] / "resources" / "models"
DEFAULT_MODEL = MODELS_DIR / "anercorp.crfsuite"
FEATURES_VERSION = 4
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
# The jackknife folds of the first pass and their (cheaper) iteration count.
FOLDS = 4
FOLD_ITERATIONS = 100
Sentence = Sequence[tuple[str, str]]


def _crfsuite() -> Any:
    try:
        import pycrfsuite  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise TawsimError("python-crfsuite is not installed (pip install python-crfsuite)") from exc
    return pycrfsuite


@dataclass
class TrainResult:
    """What train_crf did."""

    path: Path
    sentences: int
    tokens: int
    seconds: float
    meta: dict[str, Any] = field(default_factory=dict)


_FORK_DATA: dict[str, Any] = {}


Job = tuple[list[int], str, dict[str, Any], str]


def _fit(job: Job) -> str:
    """Train one crfsuite model on the sentences with the given indices (fork worker).

    The job's last item names the feature sequences in ``_FORK_DATA`` it trains on.
    """
    indices, path, params, key = job
    xseqs, yseqs = _FORK_DATA[key], _FORK_DATA["y"]
    trainer = _crfsuite().Trainer(verbose=False)
    for i in indices:
        trainer.append(xseqs[i], yseqs[i])
    trainer.set_params(params)
    trainer.train(path)
    return path


def _fit_all(
    jobs: list[Job],
    workers: int,
    progress: Callable[[int, int], object] | None = None,
    total: int = 0,
) -> None:
    """Run training jobs, in forked processes when there are several cores."""
    import multiprocessing

    total = total or len(jobs)
    if workers > 1 and len(jobs) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(min(workers, len(jobs))) as pool:
            for done, _path in enumerate(pool.imap_unordered(_fit, jobs, chunksize=1), 1):
                if progress is not None:
                    progress(done, total)
    else:
        for done, job in enumerate(jobs, 1):
            _fit(job)
            if progress is not None:
                progress(done, total)


def train_crf(
    data: Iterable[Sentence],
    out: str | Path,
    *,
    params: dict[str, Any] | None = None,
    extractor: FeatureExtractor | None = None,
    meta: dict[str, Any] | None = None,
    extra_features: Any = None,
    two_pass: bool = False,
    folds: int = FOLDS,
    workers: int = 2,
    progress: Callable[[int, int], object] | None = None,
) -> TrainResult:
    """Train a CRF on (token, IOB2 tag) sentences and write it (and its sidecar) to out.

    ``extra_features(token_lists, xseqs)`` may add features to the whole
    training set's feature sequences (the project model's stacking).

    With ``two_pass``, out is the second-pass model and its first pass is
    written beside it (``NAME.pass1.crfsuite``); the sentences are taken to
    be in document order, as the document features look at neighbours.
    """
    started = time.monotonic()
    extractor = extractor or FeatureExtractor()
    sents = [s for s in data if s]
    if not sents:
        raise TawsimError("no training sentences")
    token_lists = [[t for t, _ in s] for s in sents]
    xseqs = [extractor.sentence(tokens) for tokens in token_lists]
    if extra_features is not None:
        xseqs = extra_features(token_lists, xseqs)
    yseqs = [[tag for _, tag in s] for s in sents]
    n_tok = sum(len(s) for s in sents)
    full = {**DEFAULT_PARAMS, **(params or {})}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Temporary files carry the process id, so two trainings of one model never share one.
    suffix = f".{os.getpid()}.tmp"
    tmp = out.with_name(out.name + suffix)
    info: dict[str, Any] = {
        "features_version": FEATURES_VERSION,
        "version": 1,
        "sentences": len(sents),
        "tokens": n_tok,
        "params": full,
    }
    _FORK_DATA.update(x=xseqs, y=yseqs)
    try:
        if two_pass and len(sents) >= 2 * folds:
            first = first_pass_path(out)
            tmp1 = first.with_name(first.name + suffix)
            n = len(sents)
            bounds = [n * k // folds for k in range(folds + 1)]
            fold_params = {**full, "max_iterations": min(FOLD_ITERATIONS, full["max_iterations"])}
            fold_path = [out.with_name(f"{out.name}.fold{k}{suffix}") for k in range(folds)]
            jobs: list[Job] = [
                (
                    [i for i in range(n) if not bounds[k] <= i < bounds[k + 1]],
                    str(fold_path[k]),
                    fold_params,
                    "x",
                )
                for k in range(folds)
            ]
            # The jackknife folds first; then the second pass (which needs only their tags)
            # beside the full first pass, so that both cores work all the time.
            _fit_all(jobs, workers, progress, total=folds + 2)
            first_tags: list[list[str]] = []
            for k in range(folds):
                tagger = _crfsuite().Tagger()
                tagger.open(str(fold_path[k]))
                first_tags.extend(tagger.tag(xseqs[i]) for i in range(bounds[k], bounds[k + 1]))
                tagger.close()
                fold_path[k].unlink()
            keys = [[bare_form(extractor.token_features(t)[2]) for t in ts] for ts in token_lists]
            _FORK_DATA["x2"] = document_features(keys, xseqs, first_tags)
            last: list[Job] = [
                (list(range(n)), str(tmp), full, "x2"),
                (list(range(n)), str(tmp1), full, "x"),
            ]
            _fit_all(
                last,
                workers,
                None if progress is None else (lambda d, _t: progress(folds + d, folds + 2)),
            )
            tmp1.replace(first)
            info.update(first_pass=first.name, folds=folds, fold_iterations=FOLD_ITERATIONS)
        else:
            _fit_all([(list(range(len(sents))), str(tmp), full, "x")], 1, progress)
    finally:
        _FORK_DATA.clear()
    tmp.replace(out)
    info["trained"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    info["seconds"] = round(time.monotonic() - started, 1)
    info["workers"] = workers
    info.update(meta or {})
    sidecar(out).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return TrainResult(out, len(sents), n_tok, time.monotonic() - started, info)


def first_pass_path(path: Path) -> Path:
    """Where a two-pass model's first pass lies: beside it, ``NAME.pass1.crfsuite``."""
    return path.with_name(path.stem + ".pass1" + path.suffix)


def sidecar(path: Path) -> Path:
    """The JSON file that describes a model file."""
    return path.with_name(path.name + ".json")


class CrfModel:
    """A trained CRF, opened for tagging (crfsuite memory-maps the file)."""

    def __init__(self, path: str | Path, extractor: FeatureExtractor | None = None) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise TawsimError(f"{self.path}: no such model")
        self.tagger = _crfsuite().Tagger()
        try:
            self.tagger.open(str(self.path))
        except Exception as exc:  # noqa: BLE001 - crfsuite raises bare errors
            raise TawsimError(f"{self.path}: not a crfsuite model ({exc})") from exc
        meta_path = sidecar(self.path)
        self.meta: dict[str, Any] = (
            json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        )
        self.extractor = extractor or FeatureExtractor()
        self.first: Any = None
        self._known: frozenset[str] | None = None
        first_name = self.meta.get("first_pass")
        if first_name:
            first_path = self.path.with_name(str(first_name))
            if not first_path.exists():
                raise TawsimError(f"{first_path}: the model's first pass is missing")
            self.first = _crfsuite().Tagger()
            self.first.open(str(first_path))

    @property
    def version(self) -> int:
        """The model's version, as recorded when it was trained."""
        return int(self.meta.get("version", 1))

    def tag_xseq(self, xseq: list[list[str]]) -> tuple[list[str], list[float]]:
        """Best tags and each tag's marginal probability for prepared features."""
        if not xseq:
            return [], []
        self.tagger.set(xseq)
        tags: list[str] = self.tagger.tag()
        marg = [
            1.0 if tag == "O" else float(self.tagger.marginal(tag, i)) for i, tag in enumerate(tags)
        ]
        return tags, marg

    def known_attributes(self) -> frozenset[str]:
        """Every attribute either pass of the model has a weight for (read once, on first use)."""
        if self._known is None:
            # crfsuite ignores an attribute it has no weight for, but converting it to C++
            # is most of the cost of Tagger.set: dropping those first changes no tag.
            known = set(self.tagger.info().attributes)
            if self.first is not None:
                known.update(self.first.info().attributes)
            self._known = frozenset(known)
        return self._known

    def features(
        self, sentences: Sequence[Sequence[str]], prune: bool = True
    ) -> list[list[list[str]]]:
        """The model's features for a document's sentences (both passes for a two-pass model).

        With prune, attributes the model has no weight for are left out (the tags are the same).
        """
        known = self.known_attributes() if prune else None
        xseqs = [self.extractor.sentence(tokens, known) for tokens in sentences]
        if self.first is None:
            return xseqs
        first_tags = []
        for xseq in xseqs:
            self.first.set(xseq)
            first_tags.append(self.first.tag() if xseq else [])
        keys = [
            [bare_form(self.extractor.token_features(t)[2]) for t in tokens] for tokens in sentences
        ]
        return document_features(keys, xseqs, first_tags)

    def tag_document(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[str], list[float]]]:
        """Tags and marginals for each sentence of one document, in order."""
        return [self.tag_xseq(xseq) for xseq in self.features(sentences)]

    def tag(self, tokens: Sequence[str]) -> tuple[list[str], list[float]]:
        """Best tags and each tag's marginal probability for one sentence of tokens."""
        return self.tag_document([tokens])[0]


def text_sentences(text: str) -> list[list[Token]]:
    """The tokens of each sentence of a text, as the CRF sees them."""
    tokens = document_tokens(text)
    out: list[list[Token]] = []
    k = 0
    for _, end in sentences(text):
        sent: list[Token] = []
        while k < len(tokens) and tokens[k].start < end:
            sent.append(tokens[k])
            k += 1
        if sent:
            out.append(sent)
    if k < len(tokens):
        out.append(tokens[k:])
    return out


def entity_spans(
    tokens: Sequence[Token], tags: Sequence[str], marginals: Sequence[float]
) -> list[tuple[int, int, str, float]]:
    """Character spans (start, end, label, score) of the entities in a tagged sentence."""
    out = []
    for a, b, label in bio_entities(tags):
        while a < b and tokens[a].kind == "punct":
            a += 1
        while b > a and tokens[b - 1].kind == "punct":
            b -= 1
        if a >= b:
            continue
        if any(t.kind == "latin" for t in tokens[a:b]):
            continue  # the CRF never saw English; core.extract.latin reads it
        score = min(marginals[a:b])
        start = tokens[a].start + proclitic_offset(tokens[a].text)
        out.append((start, tokens[b - 1].end, label, score))
    return out


def proclitic_offset(token: str) -> int:
    """Offset of the stem when the token safely carries a proclitic, else 0.

    A token the news text writes as it is but never without its first letters is a
    name of its own (فالنسيا, بالتيمور: no النسيا, no التيمور), not a proclitic and the
    article before a stem."""
    from core.extract.clusters import load_clusters
    from core.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    split = name_stem_offset(
        token, lambda form: gaz.matcher.is_first(form) or form in gaz.first_names
    )
    words = load_clusters()
    if split and normalize_str(token) in words and normalize_str(token[split:]) not in words:
        return 0
    return split


def tag_text(model: CrfModel, text: str) -> list[tuple[int, int, str, float]]:
    """Entities the model finds in a text, as (start, end, label, score)."""
    out: list[tuple[int, int, str, float]] = []
    sents = text_sentences(text)
    tagged = model.tag_document([[t.text for t in sent] for sent in sents])
    for sent, (tags, marg) in zip(sents, tagged, strict=True):
        out.extend(entity_spans(sent, tags, marg))
    return out


class CrfRecommender:
    """Suggests the entities a CRF model tags."""

    name = "crf"

    def __init__(self, model: CrfModel) -> None:
        self.model = model
        self.version = model.version

    def suggest(self, document: Document) -> list[Suggestion]:
        """Suggestions for every entity the model tags in the document's text."""
        origin = f"{self.name}@{self.version}"
        return [
            Suggestion(s, e, label, round(score, 4), origin)
            for s, e, label, score in tag_text(self.model, document.text)
        ]


_DEFAULT: list[CrfModel] = []


def default_model() -> CrfModel | None:
    """The bundled model, loaded once per process; None if it is missing."""
    if not _DEFAULT:
        if not DEFAULT_MODEL.exists():
            return None
        _DEFAULT.append(CrfModel(DEFAULT_MODEL))
    return _DEFAULT[0]
