"""Learning from the annotator by retraining: a project CRF stacked on the default one.

The default model (trained on ANERcorp) cannot be retrained in the app, since
its corpus is not shipped. Instead each project gets its own small CRF,
trained on the accepted spans of the annotator's finished documents, whose
features are the usual ones *plus the default model's tags* for the token and
its neighbours. With few documents it learns to trust the default model, and
with more it learns where this project differs (other conventions, names,
domain).

It replaces the default model only once it has earned it (``TakeOver``): each
time documents are marked done, the project model of the time and the default
model both tag them before the project model learns from them, and their
errors (false plus missed spans against the confirmed ones) add up. While the
project model has made no fewer errors than the default on those unseen
documents, the default model keeps suggesting (a model trained on one or two
documents misses names the default finds); once it has made fewer, it takes
over, and it hands back if the default catches up again.

``retrain_project_model`` is what the GUI runs in a worker when a document is
marked done, or every ``RetrainPolicy.every_accepted`` accepted spans. It only
reads the project and writes ``PROJECT/models/ANNOTATOR.crfsuite``
atomically, so the UI thread never waits for it.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.extract.base import Suggestion
from core.extract.corpus import spans_to_bio
from core.extract.crf import (
    CrfModel,
    CrfRecommender,
    default_model,
    entity_spans,
    sidecar,
    text_sentences,
    train_crf,
)
from core.model import Document, DocumentInfo

if TYPE_CHECKING:
    from core.store.project import Project

__all__ = [
    "ProjectCrfRecommender",
    "RetrainPolicy",
    "TakeOver",
    "document_sentences",
    "project_model_path",
    "load_default_crf",
    "judge_documents",
    "project_crf",
    "project_recommender",
    "retrain_project_model",
    "suggestion_errors",
    "train_stacked",
]

MODELS_SUBDIR = "models"
# A project model learns from a few documents: a name seen once must still count (minfreq 1).
PROJECT_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 60,
    "feature.minfreq": 1,
}


@dataclass(frozen=True)
class RetrainPolicy:
    """When to retrain: on every document marked done, and every N accepted spans."""

    every_accepted: int = 50
    on_done: bool = True

    def due(self, accepted_since_last: int, document_done: bool) -> bool:
        """True if a retraining should start now."""
        return (self.on_done and document_done) or accepted_since_last >= self.every_accepted


@dataclass
class TakeOver:
    """The project model's and the default model's errors on documents the project model
    had not been trained on; the project model suggests once it has made fewer."""

    project: int = 0
    default: int = 0
    documents: int = 0

    @property
    def project_leads(self) -> bool:
        """True once the project model has made fewer errors than the default (a tie keeps it)."""
        return self.project < self.default

    def record(self, project_errors: int, default_errors: int) -> None:
        """Add one newly confirmed document's errors of both models."""
        self.project += project_errors
        self.default += default_errors
        self.documents += 1

    def to_json(self) -> dict[str, int]:
        """The sidecar's ``takeover`` entry."""
        return {"project": self.project, "default": self.default, "documents": self.documents}

    @classmethod
    def from_json(cls, data: Any) -> TakeOver:
        """From a sidecar's entry; an older sidecar without one starts from nothing."""
        if not isinstance(data, dict):
            return cls()
        return cls(*(int(data.get(k, 0)) for k in ("project", "default", "documents")))


Key = Callable[[int, int, str], Any]


def suggestion_errors(
    suggestions: Iterable[Suggestion],
    spans: Iterable[tuple[int, int, str]],
    key: Key | None = None,
) -> int:
    """False suggestions plus missed spans against confirmed ones (same offsets and label,
    or the same ``key``, e.g. whitespace tokens)."""
    key = key or (lambda s, e, label: (s, e, label))
    gold = {key(s, e, label) for s, e, label in spans}
    found = {key(s.start, s.end, s.label) for s in suggestions}
    return len(found - gold) + len(gold - found)


def document_sentences(
    text: str, spans: Iterable[tuple[int, int, str]]
) -> list[list[tuple[str, str]]]:
    """A text's CRF sentences as (token, IOB2 tag) pairs, tags projected from spans."""
    spans = list(spans)
    out = []
    for sent in text_sentences(text):
        tags = spans_to_bio([(t.start, t.end) for t in sent], spans)
        out.append([(t.text, tag) for t, tag in zip(sent, tags, strict=True)])
    return out


def stack_features(
    base: CrfModel | None,
    sentences: Sequence[Sequence[str]],
    xseqs: list[list[list[str]]],
) -> list[list[list[str]]]:
    """Add the base model's tags (token and neighbours) to one document's features."""
    if base is None:
        return xseqs
    out = []
    for row_seq, (tags, marg) in zip(xseqs, base.tag_document(sentences), strict=True):
        rows = []
        for i, row in enumerate(row_seq):
            extra = [f"d={tags[i]}", f"d={tags[i]}|conf={int(marg[i] * 4)}"]
            if i > 0:
                extra.append(f"-1d={tags[i - 1]}")
            if i + 1 < len(tags):
                extra.append(f"+1d={tags[i + 1]}")
            rows.append(row + extra)
        out.append(rows)
    return out


def train_stacked(
    documents: Sequence[Sequence[Sequence[tuple[str, str]]]],
    out: Path,
    *,
    base: CrfModel | None = None,
    version: int = 1,
    params: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> Path | None:
    """Train a project model on top of base (the default model); None without data.

    ``documents`` are the finished documents' (token, tag) sentences, document
    by document (the base model tags each document as a whole).
    """
    docs = [[s for s in doc if s] for doc in documents]
    data = [s for doc in docs for s in doc]
    if not any(tag != "O" for s in data for _, tag in s):
        return None
    base = base if base is not None else default_model()
    sizes = [len(doc) for doc in docs]

    def stacked(token_lists: list[list[str]], xseqs: list[list[list[str]]]) -> Any:
        out: list[list[list[str]]] = []
        k = 0
        for size in sizes:
            out.extend(stack_features(base, token_lists[k : k + size], xseqs[k : k + size]))
            k += size
        return out

    train_crf(
        data,
        out,
        params={**PROJECT_PARAMS, **(params or {})},
        extra_features=stacked,
        meta={
            "version": version,
            "stacked_on": str(base.path.name) if base else None,
            **(meta or {}),
        },
    )
    return out


class ProjectCrfRecommender:
    """Suggests what the project model tags, fed with the default model's tags."""

    name = "crf-project"

    def __init__(self, model: CrfModel, base: CrfModel | None) -> None:
        self.model = model
        self.base = base
        self.version = model.version
        self.takeover = TakeOver.from_json(model.meta.get("takeover"))

    def tag_document(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[str], list[float]]]:
        """Tags and marginals for each sentence of a document."""
        xseqs = [self.model.extractor.sentence(tokens) for tokens in sentences]
        return [self.model.tag_xseq(x) for x in stack_features(self.base, sentences, xseqs)]

    def tag(self, tokens: Sequence[str]) -> tuple[list[str], list[float]]:
        """Tags and marginals for one sentence."""
        return self.tag_document([tokens])[0]

    def suggest(self, document: Document) -> list[Suggestion]:
        """Suggestions for every entity the project model tags."""
        origin = f"{self.name}@{self.version}"
        out: list[Suggestion] = []
        sents = text_sentences(document.text)
        tagged = self.tag_document([[t.text for t in sent] for sent in sents])
        for sent, (tags, marg) in zip(sents, tagged, strict=True):
            out.extend(
                Suggestion(s, e, label, round(score, 4), origin)
                for s, e, label, score in entity_spans(sent, tags, marg)
            )
        return out


def project_model_path(project: Project, annotator: str | None = None) -> Path:
    """Where a project's model for one annotator lives."""
    name = annotator or project.annotator or "default"
    return project.folder / MODELS_SUBDIR / f"{name}.crfsuite"


def project_recommender(
    project: Project, annotator: str | None = None
) -> ProjectCrfRecommender | None:
    """The project's own model as a recommender, if one was trained."""
    path = project_model_path(project, annotator)
    if not path.exists():
        return None
    return ProjectCrfRecommender(CrfModel(path), default_model())


def retrain_project_model(project: Project, annotator: str | None = None) -> Path | None:
    """Retrain the project model on the annotator's finished documents (worker-safe).

    Documents finished since the last training are first tagged by that model
    and by the default one, and their errors go into the ``TakeOver`` kept in
    the sidecar with the ids the new model is trained on.
    """
    done: list[tuple[str, str, list[tuple[int, int, str]]]] = []
    for info in project.documents():
        layer = project.layer(info.id, annotator)
        if layer.status != "done":
            continue
        spans = [(s.start, s.end, s.label) for s in layer.spans(status="accepted")]
        done.append((info.id, project.text(info.id), spans))
    out = project_model_path(project, annotator)
    old: dict[str, Any] = {}
    if sidecar(out).exists():
        old = json.loads(sidecar(out).read_text("utf-8"))
    version = int(old.get("version", 0)) + 1
    takeover = TakeOver.from_json(old.get("takeover"))
    # A sidecar without the ids it was trained on cannot tell new documents from old ones.
    if out.exists() and "trained_on" in old:
        seen = set(old["trained_on"])
        judge_documents(
            ProjectCrfRecommender(CrfModel(out), default_model()),
            [(text, spans) for doc_id, text, spans in done if doc_id not in seen],
            takeover,
        )
    documents = [document_sentences(text, spans) for _, text, spans in done]
    out.parent.mkdir(parents=True, exist_ok=True)
    # Train beside the target, then swap: a reader never sees half a model.
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        trained = train_stacked(
            documents,
            Path(tmp) / out.name,
            version=version,
            meta={"trained_on": [d[0] for d in done], "takeover": takeover.to_json()},
        )
        if trained is None:
            return None
        trained.replace(out)
        sidecar(trained).replace(sidecar(out))
    return out


def judge_documents(
    project_rec: ProjectCrfRecommender | None,
    documents: Iterable[tuple[str, Sequence[tuple[int, int, str]]]],
    takeover: TakeOver,
    key: Key | None = None,
) -> TakeOver:
    """Tag each (text, confirmed spans) with the project model and the default; record both."""
    if project_rec is None:
        return takeover
    base = project_rec.base
    default = CrfRecommender(base) if base is not None else None
    for text, spans in documents:
        doc = Document(DocumentInfo("judged", "judged", 0.0, length=len(text)), text)
        takeover.record(
            suggestion_errors(project_rec.suggest(doc), spans, key),
            suggestion_errors(default.suggest(doc) if default else [], spans, key),
        )
    return takeover


def project_crf(
    project: Project, annotator: str | None = None
) -> CrfRecommender | ProjectCrfRecommender | None:
    """The CRF that orders documents by uncertainty: the project model once trained (it
    knows this project, even before it suggests), else the default one."""
    rec = project_recommender(project, annotator)
    if rec is not None:
        return rec
    model = default_model()
    return CrfRecommender(model) if model is not None else None


def load_default_crf(
    project: Project | None = None, annotator: str | None = None
) -> CrfRecommender | ProjectCrfRecommender | None:
    """The CRF recommender for a project: its own model once it leads (``TakeOver``), else
    the default one."""
    if project is not None:
        rec = project_recommender(project, annotator)
        if rec is not None and rec.takeover.project_leads:
            return rec
    model = default_model()
    return CrfRecommender(model) if model is not None else None
