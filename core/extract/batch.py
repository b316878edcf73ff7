"""Batch pre-annotation of a project, recommender settings, and retraining from a folder.

``python main.py suggest --project DIR`` runs the combined extractor over a
project's documents. Worker processes get texts and return suggestions; only
the parent, which holds the project lock, writes layers, through
``Project.apply_suggestions``, so nothing the annotator decided is overwritten.

The recommender settings (each recommender on or off, and its minimum score)
are user preferences in ``core.settings``' config under ``recommenders``;
the GUI's settings dialog writes them and both the GUI and this command
build their Combiner with ``configured_combiner``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import TawsimError
from core.extract.base import Recommender, Suggestion
from core.extract.pipeline import DEFAULT_MIN_SCORE, Combiner

if TYPE_CHECKING:
    from core.store.project import Project

__all__ = [
    "RECOMMENDERS",
    "SuggestReport",
    "configured_combiner",
    "recommender_settings",
    "retrain_from_folder",
    "save_recommender_settings",
    "settings_key",
    "suggest_project",
]

Settings = dict[str, dict[str, Any]]
CONFIG_KEY = "recommenders"
# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCS = 8

#: The recommenders a user can switch, with a one-line description each.
RECOMMENDERS: dict[str, str] = {
    "gazetteer": "Gazetteer: country, city, organisation and person lists",
    "rules": "Rules: people after titles, organisations and places after trigger nouns",
    "memory": "Project memory: what you accepted and rejected in this project",
    "crf": "Statistical model (CRF); the project's own once it errs less than the default",
    "latin": "Latin-script names: capitalised names, English places, acronyms",
}
# The project model replaces the default CRF and shares its setting.
_ALIASES = {"crf-project": "crf"}


def settings_key(name: str) -> str:
    """The settings entry a recommender name uses (crf-project shares crf's)."""
    return _ALIASES.get(name, name)


def recommender_settings(config: Mapping[str, Any] | None = None) -> Settings:
    """Each known recommender's ``{"enabled": bool, "min_score": float}``, from the config."""
    if config is None:
        from core.settings import load_config

        config = load_config()
    stored = config.get(CONFIG_KEY, {})
    stored = stored if isinstance(stored, dict) else {}
    out: Settings = {}
    for name in [*RECOMMENDERS, *(n for n in stored if n not in RECOMMENDERS)]:
        entry = stored.get(name, {})
        entry = entry if isinstance(entry, dict) else {}
        try:
            score = float(entry.get("min_score", DEFAULT_MIN_SCORE))
        except (TypeError, ValueError):
            score = DEFAULT_MIN_SCORE
        out[name] = {
            "enabled": bool(entry.get("enabled", True)),
            "min_score": min(1.0, max(0.0, score)),
        }
    return out


def save_recommender_settings(settings: Mapping[str, Mapping[str, Any]]) -> None:
    """Store recommender settings in the user config."""
    from core.settings import update_config

    update_config(
        **{
            CONFIG_KEY: {
                name: {
                    "enabled": bool(entry.get("enabled", True)),
                    "min_score": round(float(entry.get("min_score", DEFAULT_MIN_SCORE)), 3),
                }
                for name, entry in settings.items()
            }
        }
    )


def configured_combiner(
    recommenders: Sequence[Recommender], settings: Mapping[str, Mapping[str, Any]] | None = None
) -> Combiner:
    """A Combiner over the recommenders that honours the on/off switches and minimum scores."""
    settings = recommender_settings() if settings is None else settings
    disabled = []
    min_scores = {}
    for rec in recommenders:
        entry = settings.get(settings_key(rec.name))
        if entry is None:
            continue
        if not entry.get("enabled", True):
            disabled.append(rec.name)
        min_scores[rec.name] = float(entry.get("min_score", DEFAULT_MIN_SCORE))
    return Combiner(recommenders, min_scores=min_scores, disabled=disabled)


# -- suggest -------------------------------------------------------------------


@dataclass
class SuggestReport:
    """What a batch run did."""

    documents: int = 0
    suggestions: int = 0
    seconds: float = 0.0


def select_documents(project: Project, which: str, annotator: str | None = None) -> list[str]:
    """The ids of the documents to pre-annotate: ``new`` (not started) or ``all``."""
    if which not in ("new", "all"):
        raise TawsimError(f"unknown document selection {which!r}; use new or all")
    ids = [d.id for d in project.documents()]
    if which == "all":
        return ids
    return [i for i in ids if project.layer(i, annotator).status == "new"]


_WORKER: dict[str, Any] = {}


def _init_worker(folder: str, annotator: str | None, settings: Settings) -> None:
    """Build the extractor once per worker process, from a read-only view of the project."""
    from core.extract.pipeline import default_recommenders
    from core.store import Project

    with Project.open(folder, annotator=annotator, read_only=True) as project:
        recs = default_recommenders(project, annotator)
    _WORKER["combiner"] = configured_combiner(recs, settings)


def _suggest_one(item: tuple[str, str, str]) -> tuple[str, list[tuple[int, int, str, float, str]]]:
    from core.model import Document, DocumentInfo

    doc_id, title, text = item
    doc = Document(DocumentInfo(doc_id, title, 0.0, length=len(text)), text)
    found = _WORKER["combiner"].suggest(doc)
    return doc_id, [(s.start, s.end, s.label, s.score, s.origin) for s in found]


def suggest_project(
    project: Project,
    *,
    which: str = "new",
    annotator: str | None = None,
    jobs: int = 0,
    settings: Settings | None = None,
    progress: Callable[[int, int], Any] | None = None,
) -> SuggestReport:
    """Pre-annotate documents with the combined extractor; the caller holds the project open."""
    from core.extract.pipeline import default_recommenders

    started = time.monotonic()
    settings = recommender_settings() if settings is None else settings
    ids = select_documents(project, which, annotator)
    items = [(i, project.document(i).title, project.text(i)) for i in ids]
    report = SuggestReport(documents=len(items))
    jobs = jobs or os.cpu_count() or 1

    def write(k: int, doc_id: str, rows: list[tuple[int, int, str, float, str]]) -> None:
        change = project.apply_suggestions(
            doc_id, [Suggestion(*r) for r in rows], annotator=annotator
        )
        report.suggestions += sum(len(lc.new_spans) for lc in change.layers)
        if progress:
            progress(k, len(items))

    if jobs > 1 and len(items) >= PARALLEL_MIN_DOCS:
        import multiprocessing

        init = (str(project.folder), annotator or project.annotator, settings)
        with multiprocessing.Pool(min(jobs, len(items)), _init_worker, init) as pool:
            for k, (doc_id, rows) in enumerate(pool.imap(_suggest_one, items, chunksize=2), 1):
                write(k, doc_id, rows)
    else:
        combiner = configured_combiner(default_recommenders(project, annotator), settings)
        _WORKER["combiner"] = combiner
        try:
            for k, item in enumerate(items, 1):
                doc_id, rows = _suggest_one(item)
                write(k, doc_id, rows)
        finally:
            _WORKER.pop("combiner", None)
    report.seconds = time.monotonic() - started
    return report


# -- retraining ----------------------------------------------------------------


def retrain_from_folder(folder: str | Path, annotator: str) -> str | None:
    """Retrain a project's model from a read-only view of its folder (for a child process)."""
    from core.extract.learning import retrain_project_model
    from core.store import Project

    with Project.open(folder, annotator=annotator, read_only=True) as project:
        path = retrain_project_model(project, annotator)
    return str(path) if path is not None else None
