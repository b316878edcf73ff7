"""Undoable changes to the gold layer, pushed on the document's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from core.curation import GOLD
from gui.commands import RecordedCommand
from gui.workspace import Workspace


class GoldCommand(RecordedCommand):
    """Run a core curation function on gold once; undo and redo replay the spans it changed.

    Only the gold spans the function added, removed or changed are kept (their
    old and new versions), never a snapshot of the whole gold layer.
    """

    def __init__(
        self, workspace: Workspace, doc_id: str, text: str, action: Callable[[], object]
    ) -> None:
        super().__init__(
            workspace,
            doc_id,
            text,
            lambda: workspace.run_recorded("curation", action),
            annotator=GOLD,
            source="curation",
        )
