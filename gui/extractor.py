"""The extractor as the app runs it: built once, run in workers, learning as the user works.

``ExtractorService`` owns the combined recommenders (core's default_recommenders
in a Combiner configured by the user's recommender settings). It is built in a
worker thread on first use, from a read-only view of the project, and then

- suggests for one document at a time (a lock serialises runs, since crfsuite
  taggers are not thread-safe);
- learns at once: every span change the annotator makes (a workspace Change
  from an edit, its undo or redo) goes to the project memory as "unlearn the
  old version, learn the new one", so an undo unlearns;
- retrains the project model (core.extract.learning) in a child process when
  a document is marked done or every ``RetrainPolicy.every_accepted``
  accepted spans, then swaps the new model in once it leads
  (``core.extract.learning.TakeOver``: fewer errors than the default model on
  the documents finished after it was trained); documents opened afterwards
  get its suggestions. Until then the default model keeps suggesting.

Widgets are never touched from a worker; results come back by signal.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from PySide6 import QtCore

from core.changes import Change
from core.extract.base import Recommender, Suggestion
from core.extract.batch import configured_combiner, recommender_settings, save_recommender_settings
from core.extract.learning import RetrainPolicy
from core.extract.pipeline import Combiner
from core.model import Document, Span
from core.store import Project
from core.text import normalize_str
from gui.i18n import number
from gui.workspace import Op, Workspace

log = logging.getLogger(__name__)

RecommenderFactory = Callable[[Project], "Recommender | Sequence[Recommender]"]
#: runs a retraining: (project folder, annotator, cancelled) -> model path or None
RetrainRunner = Callable[[Path, str, threading.Event], "str | None"]
Decision = tuple[str, list[Span], list[Span]]  # (text, old versions, new versions)


def default_factory(project: Project) -> list[Recommender]:
    """core's recommenders, built from a read-only view so the live project is not shared."""
    from core.extract.pipeline import default_recommenders

    with Project.open(project.folder, annotator=project.annotator, read_only=True) as view:
        return default_recommenders(view, project.annotator)


def retrain_in_process(folder: Path, annotator: str, cancelled: threading.Event) -> str | None:
    """Retrain in a child process, so that training never holds this process's GIL."""
    import multiprocessing

    from core.extract.batch import retrain_from_folder

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        result = pool.apply_async(retrain_from_folder, (str(folder), annotator))
        while True:
            try:
                return result.get(timeout=0.2)  # type: ignore[no-any-return]
            except multiprocessing.TimeoutError:
                if cancelled.is_set():
                    pool.terminate()
                    return None


def retrain_in_thread(folder: Path, annotator: str, cancelled: threading.Event) -> str | None:
    """Retrain in this process (the tests use it: no child process to start)."""
    from core.extract.batch import retrain_from_folder

    return retrain_from_folder(folder, annotator)


retrain_in_thread.shares_models = True  # type: ignore[attr-defined]


class _Stems:
    """Known stems for snapping: gazetteer names and the project's accepted forms."""

    def __init__(self, service: ExtractorService, extra: Iterable[str]) -> None:
        self.service = service
        self.extra = set(extra)

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, str):
            return False
        s = self.service
        return item in self.extra or item in s.gazetteer_stems() or s.accepted_count(item) > 0


class ExtractorService(QtCore.QObject):
    """Builds, runs, configures and retrains the project's extractor."""

    #: True while the project model is retraining
    retraining = QtCore.Signal(bool)
    #: a one-line message for the status bar
    message = QtCore.Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        *,
        factory: RecommenderFactory | None = None,
        retrain_runner: RetrainRunner | None = None,
        policy: RetrainPolicy | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.project = workspace.project
        self.factory = factory or default_factory
        self.retrain_runner = retrain_runner or retrain_in_process
        self.policy = policy or RetrainPolicy()
        self._lock = threading.Lock()  # held while a worker runs or changes the extractor
        self._combiner: Combiner | None = None
        self._memory: Any = None
        self._pending: deque[Decision] = deque()  # decisions not yet given to the memory
        self._accepted_base: Counter[str] = Counter()  # built by the worker, then read-only
        self._accepted_delta: Counter[str] = Counter()  # UI thread only
        self._gazetteer: frozenset[str] | None = None
        self.accepted_since_retrain = 0
        self._done_seen = False
        self._retrain_task: Op | None = None
        self._retrain_again = False
        self.tasks: list[Op] = []
        workspace.changed.connect(self.on_change)

    # -- building (worker side) ----------------------------------------------
    def _build(self) -> Combiner:
        """Build the extractor if needed; call with the lock held."""
        if self._combiner is None:
            made = self.factory(self.project)
            recs = list(made) if isinstance(made, Sequence) else [made]
            if len(recs) == 1 and isinstance(recs[0], Combiner):
                recs = list(recs[0].recommenders)
            memory = next((r for r in recs if r.name == "memory" and hasattr(r, "learn")), None)
            base: Counter[str] = Counter()
            if memory is not None:
                for key, counts in getattr(memory, "accepted", {}).items():
                    if key:
                        base[key[0]] += sum(counts.values())
            self._memory = memory
            self._accepted_base = base
            self._combiner = configured_combiner(recs)
        self._drain()
        return self._combiner

    def _drain(self) -> None:
        memory = self._memory
        while self._pending:
            text, old, new = self._pending.popleft()
            if memory is None:
                continue
            for span in old:
                memory.unlearn(text, span)
            for span in new:
                memory.learn(text, span)

    def suggest(self, document: Document) -> list[Suggestion]:
        """The combined suggestions for a document (call from a worker thread)."""
        with self._lock:
            combiner = self._build()
            found = list(combiner.suggest(document))
            self._drain()
        return found

    def recommender_names(self) -> list[str]:
        """Names of the recommenders in use (empty before the first build)."""
        combiner = self._combiner
        return [r.name for r in combiner.recommenders] if combiner is not None else []

    def invalidate(self) -> None:
        """Rebuild on the next run (after an import brought new accepted spans)."""
        with self._lock:
            self._combiner = None
            self._memory = None
            self._pending.clear()
            self._accepted_delta.clear()

    # -- settings ------------------------------------------------------------
    def settings(self) -> dict[str, dict[str, Any]]:
        """The user's recommender settings, with an entry for every recommender in use."""
        current = recommender_settings()
        from core.extract.batch import settings_key

        for name in self.recommender_names():
            current.setdefault(settings_key(name), {"enabled": True, "min_score": 0.3})
        return current

    def apply_settings(self, settings: dict[str, dict[str, Any]]) -> None:
        """Save recommender settings and use them from the next run on."""
        save_recommender_settings(settings)
        old = self._combiner
        if old is not None:
            self._combiner = configured_combiner(old.recommenders, settings)

    # -- learning at once ----------------------------------------------------
    def on_change(self, change: Change) -> None:
        """Learn from the annotator's decisions; rebuild after an import or a merge."""
        if change.source in ("import", "merge") or change.documents_changed:
            self.invalidate()
            return
        me = self.project.annotator
        for lc in change.layers:
            if lc.annotator != me:
                continue
            if change.source == "edit":
                self.spans_saved(self.project.text(lc.doc_id), lc.old_spans, lc.new_spans)
            if lc.status and lc.status[1] == "done" and change.source != "disk":
                self.document_done()

    def spans_saved(self, text: str, old: list[Span], new: list[Span]) -> None:
        """The store saved a change (a command, its undo or redo): learn from it."""
        old = [s for s in old if s.status in ("accepted", "rejected")]
        new = [s for s in new if s.status in ("accepted", "rejected")]
        if not old and not new:
            return
        for span, delta in [(s, -1) for s in old] + [(s, 1) for s in new]:
            if span.status == "accepted":
                first = normalize_str(text[span.start : span.end]).split()
                if first:
                    self._accepted_delta[first[0]] += delta
        gained = sum(s.status == "accepted" for s in new) - sum(s.status == "accepted" for s in old)
        self._pending.append((text, old, new))
        if self._lock.acquire(blocking=False):  # else the running worker takes them
            try:
                self._drain()
            finally:
                self._lock.release()
        if gained > 0:
            self.accepted_since_retrain += gained
            # The model learns from finished documents only: none yet, nothing to retrain.
            if self._has_done() and self.policy.due(self.accepted_since_retrain, False):
                self.retrain()

    def document_done(self) -> None:
        """A document was marked done: retrain if the policy says so."""
        self._done_seen = True
        if self.policy.due(self.accepted_since_retrain, True):
            self.retrain()

    def _has_done(self) -> bool:
        if not self._done_seen and self.project.annotator:
            from core.extract.learning import project_model_path

            self._done_seen = project_model_path(self.project).exists()
        return self._done_seen

    # -- snapping --------------------------------------------------------------
    def gazetteer_stems(self) -> frozenset[str]:
        """First words of the gazetteer's names (loaded once)."""
        if self._gazetteer is None:
            try:
                from core.extract.gazetteer import load_gazetteer

                self._gazetteer = frozenset(k[0] for k in load_gazetteer().matcher.keys() if k)
            except Exception:  # noqa: BLE001 - snapping works without the gazetteer
                log.exception("gazetteer unavailable for snapping")
                self._gazetteer = frozenset()
        return self._gazetteer

    def accepted_count(self, stem: str) -> int:
        """How often the project accepted a span starting with this normalised word."""
        return self._accepted_base[stem] + self._accepted_delta[stem]

    def known_stems(self, extra: Iterable[str] = ()) -> _Stems:
        """Known stems for core.snap: the gazetteer, the project's accepted spans, and extra."""
        return _Stems(self, extra)

    # -- retraining ----------------------------------------------------------
    @property
    def is_retraining(self) -> bool:
        """True while a retraining runs."""
        return self._retrain_task is not None

    def retrain(self) -> Op | None:
        """Retrain the project model in the background (once at a time)."""
        annotator = self.project.annotator
        if self.project.read_only or not annotator:
            return None
        if self._retrain_task is not None:
            self._retrain_again = True
            return self._retrain_task
        self.accepted_since_retrain = 0
        folder, runner = self.project.folder, self.retrain_runner

        # A retraining in this process uses the shared default model: not while suggesting.
        guard = self._lock if getattr(runner, "shares_models", False) else nullcontext()

        read_view = self.workspace.read_view

        def work(task: Any) -> Recommender | None:
            with guard:
                path = runner(folder, annotator, task.cancelled)
            if path is None or task.cancelled.is_set():
                return None
            from core.extract.learning import project_recommender

            with read_view() as view:
                return project_recommender(view, annotator)

        op = self.workspace.run_op(
            work,
            writes=False,
            label=self.tr("Retraining the project model…"),
            done=self._retrained,
            failed=self._retrain_failed,
        )
        op.ended.connect(lambda: self._retrain_ended(op))
        self._retrain_task = op
        self.tasks.append(op)
        self.retraining.emit(True)
        return op

    def _retrained(self, rec: Recommender | None) -> None:
        if rec is None:
            self.message.emit(self.tr("Nothing to learn from yet: mark documents done first."))
            return
        takeover = getattr(rec, "takeover", None)
        leads = takeover is None or takeover.project_leads
        # Swapping the reference is enough: a running worker keeps the combiner it took.
        old = self._combiner
        if old is not None:
            crfs = [r for r in old.recommenders if r.name in ("crf", "crf-project")]
            others = [r for r in old.recommenders if r not in crfs]
            if leads:
                self._combiner = configured_combiner([*others, rec])
            elif any(r.name == "crf-project" for r in crfs):
                # The default model caught up again: it suggests until the project model leads.
                default = getattr(rec, "base", None)
                from core.extract.crf import CrfRecommender

                back = [CrfRecommender(default)] if default is not None else []
                self._combiner = configured_combiner([*others, *back])
        if leads:
            self.message.emit(
                self.tr("Project model updated ({name}@{version})").format(
                    name=rec.name, version=rec.version
                )
            )
        elif takeover is not None:
            # Nothing changes in what is suggested; say why the new model does not suggest yet.
            self.message.emit(
                self.tr(
                    "Project model trained ({name}@{version}); it suggests once it errs less "
                    "than the default model ({project} vs {default} errors)"
                ).format(
                    name=rec.name,
                    version=rec.version,
                    project=number(takeover.project),
                    default=number(takeover.default),
                )
            )

    def _retrain_failed(self, message: str) -> None:
        log.warning("retraining failed: %s", message)
        self.message.emit(self.tr("Retraining failed: {message}").format(message=message))

    def _retrain_ended(self, op: Op) -> None:
        if op in self.tasks:
            self.tasks.remove(op)
        self._retrain_task = None
        again, self._retrain_again = self._retrain_again, False
        if again and not op.cancelled:
            self.retrain()
        else:
            self.retraining.emit(False)

    def cancel(self) -> None:
        """Stop background work (the window is closing)."""
        for task in list(self.tasks):
            task.cancel()


__all__ = ["ExtractorService", "retrain_in_process", "retrain_in_thread"]
