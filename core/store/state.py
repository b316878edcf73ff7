"""What an open project holds, as the store's helper modules see it.

``refresh`` (re-reading what changed on disk) and ``index_edits`` (adding,
removing, retitling documents) work on a project's in-memory state; they take
any object with these members, so that they never import ``project`` (which
imports them): ``Project`` has them all.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any, Protocol

from tinydb import TinyDB

from core.changes import Change, LayerChange
from core.model import DocumentInfo, LabelSet
from core.store.index import DocumentIndex
from core.store.layer import Layer
from core.store.summaries import Summaries


class ProjectState(Protocol):
    """The members of an open Project that its helper modules read and change."""

    folder: Path
    labels: LabelSet
    _db: TinyDB
    _meta: dict[str, Any]
    _index: DocumentIndex
    _layers: OrderedDict[tuple[str, str], Layer]
    _summaries: Summaries
    _texts: OrderedDict[str, str]
    _batch_depth: int

    @property
    def _docs(self) -> dict[str, DocumentInfo]: ...

    def _legacy_rows(self) -> list[tuple[str, Any]]: ...

    def _record(self, part: Change | LayerChange) -> None: ...

    def _remember_write(self, path: Path) -> None: ...

    def _write_index(self) -> None: ...

    def document(self, doc_id: str) -> DocumentInfo: ...

    def reload_layer(self, doc_id: str, annotator: str) -> LayerChange: ...
