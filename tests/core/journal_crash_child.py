"""Child process for the crash tests: dies by SIGKILL at a chosen step.

``compact FOLDER DOC STEP``: journal three changes, print the layer's state,
then compact the journal and kill itself at STEP of the compaction.
``import FOLDER SEED``: add documents (one at a time and in batches) until
killed, printing each id once its add returned.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from core.model import Span
from core.store import Project, journal


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _hook(step: str, layer: Path) -> None:
    """Kill this process at one step of a compaction of layer."""
    jpath = journal.journal_path(layer)
    real_replace, real_unlink = os.replace, os.unlink

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        dst_path = Path(dst)
        if step == "before_backup" and dst_path.name == layer.name + ".bak":
            _die()
        if step == "before_rename" and dst_path == layer:
            _die()
        real_replace(src, dst, *args, **kwargs)
        if step == "after_rename" and dst_path == layer:
            _die()

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        if step == "before_unlink" and Path(path) == jpath:
            _die()
        real_unlink(path, *args, **kwargs)
        if step == "after_unlink" and Path(path) == jpath:
            _die()

    os.replace = replace
    os.unlink = unlink


def compact(folder: str, doc_id: str, step: str) -> None:
    """Journal a few changes, print the state, then die while compacting."""
    journal.MIN_LAYER_BYTES = 0
    journal.COMPACT_RATIO = 1
    project = Project.open(folder, annotator="ali")
    layer = project.layer(doc_id)
    spans = layer.spans()
    layer.put(spans[0].evolve(label="PERS"))
    layer.remove(spans[1].id)
    added = layer.add(Span(spans[2].end + 1, spans[2].end + 3, "ORG", "ali"))
    assert journal.journal_path(layer.path).exists()
    state = [[s.id, s.start, s.end, s.label] for s in layer.spans()]
    print(json.dumps({"state": state, "added": added.id}), flush=True)
    _hook(step, layer.path)
    layer.compact()
    print(json.dumps({"survived": True}), flush=True)


def import_documents(folder: str, seed: int) -> None:
    """Add documents until killed; print each id once its add returned."""
    project = Project.open(folder, annotator="ali")
    print(json.dumps({"ready": True}), flush=True)
    n = seed * 100_000
    while True:
        n += 1
        if n % 3:
            doc_id = project.add_document(f"doc {n}", f"نص الوثيقة رقم {n}", {})
            print(json.dumps([doc_id]), flush=True)
        else:
            items: list[tuple[str, str, dict[str, str]]] = [
                (f"doc {n}.{i}", f"نص دفعة {n} رقم {i}", {}) for i in range(8)
            ]
            with project.batch():
                results = project.add_documents(items)
            print(json.dumps([doc for doc, _ in results]), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "compact":
        compact(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        import_documents(sys.argv[2], int(sys.argv[3]))
