"""The statistical recommender: a linear-chain CRF (python-crfsuite) with Arabic features.

Training data are CoNLL sentences of whitespace tokens, as in ANERcorp, where
a proclitic stays on its token (``وسوريا B-LOC``). When tagging a document,
its text is cut into sentences (``core.text.sentences``) and tokens
(``core.text.tokenize``, which puts punctuation apart as ANERcorp mostly
does). An entity's score is the smallest marginal probability of its tags.
Suggested spans leave out a leading proclitic when it is safely one
(``والولايات المتحدة`` -> ``الولايات المتحدة``, ``بسوريا`` -> ``سوريا``).

A model is a crfsuite file plus a JSON sidecar (``MODEL.json``) with its
version and how it was trained.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import TawsimError
from core.extract.base import Suggestion
from core.extract.conll_io import bio_entities
from core.extract.features import FeatureExtractor
from core.model import Document
from core.text import Token, normalize_str, proclitic_splits, sentences, tokenize

if TYPE_CHECKING:
    from core.extract.learning import ProjectCrfRecommender
    from core.store.project import Project

__all__ = [
    "CrfModel",
    "CrfRecommender",
    "DEFAULT_MODEL",
    "load_default_crf",
    "train_crf",
    "tag_text",
]

MODELS_DIR = Path(__file__).resolve().parents[2] / "resources" / "models"
DEFAULT_MODEL = MODELS_DIR / "anercorp.crfsuite"
FEATURES_VERSION = 1
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
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


def train_crf(
    data: Iterable[Sentence],
    out: str | Path,
    *,
    params: dict[str, Any] | None = None,
    extractor: FeatureExtractor | None = None,
    meta: dict[str, Any] | None = None,
    extra_features: Any = None,
) -> TrainResult:
    """Train a CRF on (token, IOB2 tag) sentences and write it (and its sidecar) to out."""
    pycrfsuite = _crfsuite()
    started = time.monotonic()
    extractor = extractor or FeatureExtractor()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_sent = n_tok = 0
    for sent in data:
        if not sent:
            continue
        tokens = [t for t, _ in sent]
        xseq = extractor.sentence(tokens)
        if extra_features is not None:
            xseq = extra_features(tokens, xseq)
        trainer.append(xseq, [tag for _, tag in sent])
        n_sent += 1
        n_tok += len(sent)
    if not n_sent:
        raise TawsimError("no training sentences")
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)
    info = {
        "features_version": FEATURES_VERSION,
        "version": 1,
        "sentences": n_sent,
        "tokens": n_tok,
        "params": {**DEFAULT_PARAMS, **(params or {})},
        "trained": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **(meta or {}),
    }
    sidecar(out).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return TrainResult(out, n_sent, n_tok, time.monotonic() - started, info)


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

    def tag(self, tokens: Sequence[str]) -> tuple[list[str], list[float]]:
        """Best tags and each tag's marginal probability for one sentence of tokens."""
        return self.tag_xseq(self.extractor.sentence(tokens))


def text_sentences(text: str) -> list[list[Token]]:
    """The tokens of each sentence of a text, as the CRF sees them."""
    tokens = tokenize(text)
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
        score = min(marginals[a:b])
        start = tokens[a].start + proclitic_offset(tokens[a].text)
        out.append((start, tokens[b - 1].end, label, score))
    return out


def proclitic_offset(token: str) -> int:
    """Offset of the stem when the token safely carries a proclitic, else 0."""
    splits = proclitic_splits(token)
    for split in reversed(splits):
        stem = normalize_str(token[split:])
        # Only before the article: بغداد and واشنطن must stay whole.
        if stem.startswith("ال") and len(stem) > 3:
            return split
        from core.extract.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        if gaz.matcher.is_first(stem) and not gaz.matcher.is_first(normalize_str(token)):
            return split
    return 0


def tag_text(model: CrfModel, text: str) -> list[tuple[int, int, str, float]]:
    """Entities the model finds in a text, as (start, end, label, score)."""
    out: list[tuple[int, int, str, float]] = []
    for sent in text_sentences(text):
        tags, marg = model.tag([t.text for t in sent])
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


def load_default_crf(
    project: Project | None = None, annotator: str | None = None
) -> CrfRecommender | ProjectCrfRecommender | None:
    """The CRF recommender for a project: its own model if trained, else the default one."""
    if project is not None:
        from core.extract.learning import project_recommender

        rec = project_recommender(project, annotator)
        if rec is not None:
            return rec
    model = default_model()
    return CrfRecommender(model) if model is not None else None
