"""Adding, removing and retitling documents: the changes that write the index.

Each writes the text files it needs and then the index shards it touched
(once per batch), and undoes its change in memory when a write fails, so a
full disk leaves the project as it was on disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from core.changes import Change
from core.model import DocumentInfo, now, validate_new_document
from core.store import paths
from core.store.paths import text_id
from core.store.state import ProjectState
from core.store.storage import write_text


def add_documents(
    project: ProjectState, items: Iterable[tuple[str, str, Mapping[str, Any]]]
) -> list[tuple[str, bool]]:
    """Add (title, text, meta) documents in one index write; return (id, created) each."""
    results: list[tuple[str, bool]] = []
    added: list[str] = []
    stamp = now()
    try:
        paths.make_dirs(project.folder, project.folder / paths.TEXTS_DIR)
        for title, text, meta in items:
            validate_new_document(title, text, meta)
            doc_id = text_id(text)
            if doc_id in project._docs:
                results.append((doc_id, False))
                continue
            write_text(project.folder, doc_id, text, sync_dir=not project._batch_depth)
            project._index.add(
                DocumentInfo(
                    id=doc_id, title=title, imported=stamp, meta=dict(meta), length=len(text)
                )
            )
            added.append(doc_id)
            results.append((doc_id, True))
        if added:
            project._write_index()
    except BaseException:
        # Nothing half-added stays in memory (a full disk, a refused text).
        project._index.discard_changes(added)
        raise
    if added:
        project._record(Change("import", documents_added=tuple(added)))
    return results


def remove_documents(project: ProjectState, doc_ids: Iterable[str]) -> Change:
    """Remove documents with their texts and every layer (used to undo an import)."""
    gone = [d for d in dict.fromkeys(doc_ids) if d in project._docs]
    if not gone:
        return Change("project")
    for doc_id in gone:
        project._index.remove(doc_id)
        project._texts.pop(doc_id, None)
        for key in [k for k in project._layers if k[0] == doc_id]:
            project._layers.pop(key).close()
    project._summaries.drop_documents(gone)
    project._write_index()
    for doc_id in gone:
        for path in [
            paths.text_path(project.folder, doc_id),
            *paths.layer_files(project.folder, doc_id),
        ]:
            path.unlink(missing_ok=True)
    change = Change("project", documents_removed=tuple(gone))
    project._record(change)
    return change


def set_title(project: ProjectState, doc_id: str, title: str) -> Change:
    """Give a document a new title (one index shard is written)."""
    info = project.document(doc_id)
    validate_new_document(title, "", {})
    if title == info.title:
        return Change("project")
    project._index.replace(dataclasses.replace(info, title=title))
    try:
        project._write_index()
    except BaseException:
        project._index.replace(info)
        raise
    change = Change("project", meta=True)
    project._record(change)
    return change
