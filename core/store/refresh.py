"""Re-reading what changed on disk: the project file, an index shard, a layer.

Another copy of the project (a git pull, a synced folder, a second annotator
on a shared drive) changes files under an open project; ``DiskMonitor``
notices and these methods bring the open ``Project`` up to date, returning
what changed so the GUI can refresh exactly that.
"""

from __future__ import annotations

from core.changes import Change, LayerChange
from core.errors import StoreError
from core.model import LabelSet
from core.store import paths
from core.store.index import DocumentIndex, shard_of
from core.store.state import ProjectState


def reload(project: ProjectState) -> Change:
    """Re-read the project file after it changed on disk (a git pull, a sync).

    Cached layers of documents that are still there are kept (a document's
    text never changes); what changed is returned.
    """
    before = dict(project._docs)
    old_labels, old_meta = project.labels, dict(project._meta)
    project._db.storage.close()
    project._db.clear_cache()
    meta = project._db.table("meta").get(doc_id=1)
    if meta:
        project._meta = dict(meta)
        project.labels = LabelSet.from_json(project._meta.get("labels", []))
    index = DocumentIndex(project.folder)
    index.load(project._legacy_rows())
    project._index = index
    project._remember_write(project.folder / paths.PROJECT_FILE)
    for path in index.shard_files().values():
        project._remember_write(path)
    removed = [d for d in before if d not in project._docs]
    for key in [k for k in project._layers if k[0] in removed]:
        project._layers.pop(key).close()
    project._summaries.drop_documents(removed)
    labels = project.labels != old_labels
    old_meta.pop("labels", None)
    new_meta = {k: v for k, v in project._meta.items() if k != "labels"}
    retitled = any(
        before[d].title != info.title for d, info in project._docs.items() if d in before
    )
    return Change(
        "disk",
        documents_added=tuple(d for d in project._docs if d not in before),
        documents_removed=tuple(removed),
        labels=labels,
        meta=old_meta != new_meta or retitled,
    )


def reload_shard(project: ProjectState, shard: str) -> Change:
    """Re-read one index shard after it changed on disk; return what changed."""
    added, removed, retitled = project._index.reload_shard(shard)
    for path in project._index.shard_files().values():
        if shard_of(path.stem) == shard:
            project._remember_write(path)
    for key in [k for k in project._layers if k[0] in removed]:
        project._layers.pop(key).close()
    project._summaries.drop_documents(removed)
    for doc_id in removed:
        project._texts.pop(doc_id, None)
    return Change(
        "disk",
        documents_added=tuple(added),
        documents_removed=tuple(removed),
        meta=bool(retitled),
    )


def reload_layer(project: ProjectState, doc_id: str, annotator: str) -> LayerChange:
    """Read one layer again from disk (it changed there); return what changed.

    A layer that is loaded is reloaded in place and compared with what it
    held; one that is not loaded is only marked ``reloaded``.
    """
    key = (doc_id, annotator)
    project._summaries.forget(key)
    layer = project._layers.get(key)
    if layer is None:
        return LayerChange(doc_id, annotator, reloaded=True)
    if not layer.loaded:  # nothing read yet: nothing to compare with
        layer.reload()
        return LayerChange(doc_id, annotator, reloaded=True)
    old_spans, old_status = layer.spans(), layer.status
    layer.reload()
    try:
        new_spans, new_status = layer.spans(), layer.status
    except StoreError:
        layer.reload()
        return LayerChange(doc_id, annotator, reloaded=True)
    return LayerChange.between(doc_id, annotator, old_spans, new_spans, (old_status, new_status))


def adopt_layer(project: ProjectState, doc_id: str, annotator: str) -> LayerChange:
    """A layer file this process wrote outside Layer (a merge): load it, own it, record it."""
    change = project.reload_layer(doc_id, annotator)
    project._remember_write(paths.layer_path(project.folder, annotator, doc_id))
    project._record(change)
    return change
