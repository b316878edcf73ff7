"""Sharing a project between machines: bundles of one annotator's layers, and merging.

A bundle is a zip file::

    manifest.json                 project id and name, annotator, documents (id, title)
    layers/<annotator>/<doc>.json the annotator's layer files, as the store writes them

Merging brings in layers from a bundle or from another copy of the project
folder. A layer is taken when this copy has none or an older one (by the
time stamp every layer write records), so merging twice changes nothing,
and a layer is never replaced by an older version. Time stamps in the
future (beyond a few minutes of clock skew) or not finite are refused. The
local annotator's own layers and the gold layer are never overwritten: a
different incoming version is reported as a conflict.

Bundles and copies are untrusted: everything is checked before anything is
written, and a bundle of another project, a layer made on a different text,
a malformed layer, a zip entry pointing outside the project, or a bundle over
the size limits refuses the whole merge and leaves the project unchanged; a
failure while writing takes back what was written.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from core.errors import InputError, StoreError, TawsimError
from core.model import DOC_STATUSES, DocumentInfo, Span, now, time_problem, validate_span
from core.safeio import loads_bytes
from core.store import Project, paths
from core.store.journal import journal_path, without_mark
from core.store.layer import LAYERS_DIR
from core.store.project import PROJECT_FILE
from core.store.storage import atomic_write, dumps

BUNDLE_VERSION = 1
GOLD = "gold"
# Limits far above any real bundle (10,000 layers of a few kB each), far below
# what a zip bomb would need: checked on the bytes actually decompressed.
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 200_000
MAX_ENTRY_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
# Clocks on two machines disagree a little; a layer from further ahead is forged or broken.
MAX_CLOCK_SKEW = 600.0


class ShareError(TawsimError):
    """A bundle or project copy cannot be merged; nothing was changed."""


@dataclass
class MergeReport:
    """What a merge did, layer by layer."""

    added: list[tuple[str, str]] = field(default_factory=list)
    updated: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    kept_newer: list[tuple[str, str]] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    # The local annotator's own or gold layers that differ here: never overwritten.
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    # The local annotator's own or gold layers the incoming copy added (this copy had none).
    own_added: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Incoming:
    annotator: str
    doc_id: str
    where: str
    canonical: bytes
    updated: float


def bundle(project: Project, annotator: str, out: Path) -> int:
    """Write one annotator's layers to a zip file; return how many layers it holds."""
    annotator = paths.check_annotator(annotator, project.folder)
    docs = []
    out = Path(out)
    try:
        fd, tmp = paths.create_fresh(out)
    except OSError as exc:
        raise ShareError(f"{out}: cannot write the bundle ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for info in project.documents():
                    path = paths.layer_path(project.folder, annotator, info.id)
                    if not os.path.lexists(path):
                        continue
                    layer = project.layer(info.id, annotator)
                    layer.spans()  # fails loudly on a corrupt layer
                    if layer.warning:
                        raise ShareError(f"{out}: not written: {layer.warning}")
                    # The layer as stored, its journal replayed (read without following
                    # links: only the project's own files go out).
                    raw = layer.stored_bytes()
                    zf.writestr(f"{LAYERS_DIR}/{annotator}/{info.id}.json", raw)
                    docs.append({"id": info.id, "title": info.title})
                manifest = {
                    "bundle_version": BUNDLE_VERSION,
                    "project_id": project.project_id,
                    "project": project.name,
                    "annotator": annotator,
                    "documents": docs,
                }
                zf.writestr("manifest.json", dumps(manifest))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ShareError(f"{out}: cannot write the bundle ({exc.strerror or exc})") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(docs)


def _parse_layer(
    where: str, raw: bytes, length: int, project: Project, annotator: str
) -> tuple[bytes, float]:
    """Validate annotator's layer file; return its canonical bytes and its time stamp."""
    try:
        data = loads_bytes(raw, where)
    except InputError as exc:
        raise ShareError(f"{where}: not a valid layer file ({exc.reason})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise ShareError(f"{where}: not a valid layer file (not a table of records)")
    state = data.get("state", {}).get("1", {})
    if not isinstance(state, dict):
        raise ShareError(f"{where}: not a valid layer file (state is not an object)")
    if state and state.get("status") not in DOC_STATUSES:
        raise ShareError(f"{where}: unknown status {str(state.get('status'))[:40]!r}")
    updated = state.get("updated", 0.0)
    if time_problem(updated):
        raise ShareError(f"{where}: time stamp {str(updated)[:30]} {time_problem(updated)}")
    if updated > now() + MAX_CLOCK_SKEW:
        raise ShareError(
            f"{where}: time stamp {updated} is in the future (a wrong clock or a forged "
            "layer); refused"
        )
    for span_id, row in data.get("spans", {}).items():
        try:
            if not (span_id.isascii() and span_id.isdigit() and len(span_id) < 19):
                raise ValueError("the span id is not a number")
            span = Span.from_json(row, int(span_id))
            validate_span(span, length, project.labels)
            if span.annotator != annotator:
                raise ValueError(f"it is {span.annotator!r}'s, in the layer of {annotator!r}")
        except (KeyError, TypeError, ValueError, AttributeError, TawsimError) as exc:
            raise ShareError(f"{where}: span {span_id[:20]}: {exc}") from None
    try:
        # A compaction mark names a journal of the copy it came from: not part of the layer.
        canonical = dumps(without_mark(data)).encode("utf-8")
    except (ValueError, UnicodeEncodeError) as exc:
        raise ShareError(f"{where}: not a valid layer file ({exc})") from None
    return canonical, float(updated)


def _safe_entry(name: str, source: Path) -> tuple[str, str] | None:
    """(annotator, doc_id) for a layer entry; ShareError for paths outside the project."""
    path = PurePosixPath(name)
    if name.startswith(("/", "\\")) or ".." in path.parts or "\\" in name or ":" in name:
        raise ShareError(f"{source}: entry {name[:80]!r} points outside the project; refused")
    if name == "manifest.json" or name.endswith("/"):
        return None
    if len(path.parts) != 3 or path.parts[0] != LAYERS_DIR or path.suffix != ".json":
        raise ShareError(f"{source}: unexpected entry {name[:80]!r}; not a Tawsim bundle")
    if not paths.is_annotator(path.parts[1]) or not paths.is_doc_id(path.stem):
        raise ShareError(f"{source}: entry {name[:80]!r} does not name a layer; refused")
    return path.parts[1], path.stem


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path, limit: int) -> bytes:
    """An entry's bytes, decompressing at most limit + 1 of them (the header may lie)."""
    try:
        with zf.open(info) as handle:
            raw = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ShareError(f"{source}: entry {info.filename[:80]!r} is corrupt ({exc})") from None
    except RuntimeError as exc:  # encrypted entries
        raise ShareError(f"{source}: entry {info.filename[:80]!r}: {exc}") from None
    if len(raw) > limit:
        raise ShareError(
            f"{source}: entry {info.filename[:80]!r} is over the {limit // 2**20} MB limit; refused"
        )
    return raw


def _open_bundle(source: Path) -> zipfile.ZipFile:
    try:
        size = os.stat(source).st_size
    except OSError as exc:
        raise ShareError(f"{source}: cannot read ({exc.strerror or exc})") from None
    if size > MAX_BUNDLE_BYTES:
        raise ShareError(f"{source}: {size / 1e6:.0f} MB is over the bundle size limit; refused")
    try:
        return zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ShareError(f"{source}: not a readable zip file ({exc})") from None


class _Budget:
    """Counts decompressed bytes against the total limit."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.used = 0

    def take(self, raw: bytes) -> bytes:
        self.used += len(raw)
        if self.used > MAX_TOTAL_BYTES:
            raise ShareError(
                f"{self.source}: expands to over {MAX_TOTAL_BYTES // 2**20} MB; refused"
            )
        return raw


def _manifest(zf: zipfile.ZipFile, source: Path, project: Project) -> dict[str, Any]:
    try:
        info = zf.getinfo("manifest.json")
    except KeyError:
        raise ShareError(f"{source}: no manifest.json; not a Tawsim bundle") from None
    raw = _read_entry(zf, info, source, MAX_MANIFEST_BYTES)
    try:
        manifest = loads_bytes(raw, f"{source}:manifest.json")
    except InputError as exc:
        raise ShareError(f"{source}: manifest.json is unreadable ({exc.reason})") from None
    if not isinstance(manifest, dict):
        raise ShareError(f"{source}: manifest.json is not an object")
    version = manifest.get("bundle_version", 0) or 0
    if not isinstance(version, int) or version > BUNDLE_VERSION:
        raise ShareError(f"{source}: made by a newer Tawsim; update to merge it")
    if manifest.get("project_id") != project.project_id:
        raise ShareError(
            f"{source}: belongs to project {str(manifest.get('project'))[:80]!r} "
            f"({str(manifest.get('project_id'))[:40]}), not to {project.name!r} "
            f"({project.project_id})"
        )
    return manifest


def _read_bundle(project: Project, source: Path) -> list[_Incoming]:
    with _open_bundle(source) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ShareError(f"{source}: {len(infos):,} entries is over the limit; refused")
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise ShareError(f"{source}: the same entry appears twice; refused")
        entries = [(i, _safe_entry(i.filename, source)) for i in infos]
        manifest = _manifest(zf, source, project)
        documents = manifest.get("documents", [])
        titles = {
            str(d.get("id"))[:40]: str(d.get("title", ""))[:200]
            for d in (documents if isinstance(documents, list) else [])
            if isinstance(d, dict)
        }
        lengths = {d.id: d.length for d in project.documents()}
        budget = _Budget(source)
        incoming = []
        for info, entry in entries:
            if entry is None:
                continue
            annotator, doc_id = entry
            if doc_id not in lengths:
                title = titles.get(doc_id, "")
                raise ShareError(
                    f"{source}: the layer for document {title or doc_id!r} was made on a "
                    f"different version of its text (document {doc_id} is not in this project)"
                )
            # One entry in memory at a time, and only its canonical form is kept.
            raw = budget.take(_read_entry(zf, info, source, MAX_ENTRY_BYTES))
            where = f"{source}:{info.filename}"
            canonical, updated = _parse_layer(where, raw, lengths[doc_id], project, annotator)
            incoming.append(_Incoming(annotator, doc_id, where, canonical, updated))
    return incoming


def _read_folder(
    project: Project, source: Path
) -> tuple[list[_Incoming], list[tuple[DocumentInfo, str]]]:
    other = Project.open(source, read_only=True)
    try:
        if other.warnings:
            raise ShareError(f"{source}: the copy is damaged: {other.warnings[0]}")
        if other.project_id != project.project_id:
            raise ShareError(
                f"{source}: a different project ({other.name!r}), not a copy of {project.name!r}"
            )
        # other.text() checks each text against its id, so a copy with CRLF line
        # endings (git's autocrlf) reads back as the text it was made from.
        texts = {d.id: (d, other.text(d.id)) for d in other.documents()}
        lengths = {d.id: d.length for d in project.documents()}
        lengths.update({doc_id: len(text) for doc_id, (_, text) in texts.items()})
        incoming = []
        budget = _Budget(source)
        for annotator in paths.layer_annotators(source):
            for doc_id in texts:
                path = paths.layer_path(source, annotator, doc_id)
                raw = paths.read_file(source, path, MAX_ENTRY_BYTES)
                if raw is None:
                    continue
                if os.path.lexists(journal_path(path)):
                    # A copy still open (or killed) elsewhere: its journal replayed.
                    layer = other.layer(doc_id, annotator)
                    raw = layer.stored_bytes()
                    if layer.warning:
                        raise ShareError(f"{source}: the copy is damaged: {layer.warning}")
                budget.take(raw)
                canonical, updated = _parse_layer(
                    str(path), raw, lengths[doc_id], project, annotator
                )
                incoming.append(_Incoming(annotator, doc_id, str(path), canonical, updated))
    except StoreError as exc:
        raise ShareError(f"{source}: cannot merge this copy: {exc}") from None
    finally:
        other.close()
    known = {d.id for d in project.documents()}
    new_docs = [(info, text) for doc_id, (info, text) in texts.items() if doc_id not in known]
    return incoming, new_docs


def _local(project: Project, item: _Incoming) -> tuple[bytes | None, float, bool]:
    """This copy's layer: (canonical bytes or None, its time stamp, whether it is damaged)."""
    target = paths.layer_path(project.folder, item.annotator, item.doc_id)
    try:
        project.document(item.doc_id)
    except StoreError:
        return None, 0.0, False  # a document this merge brings in
    layer = project.layer(item.doc_id, item.annotator)
    warnings = len(project.warnings)
    try:
        # The layer as stored, its journal replayed.
        data = layer.stored() if os.path.lexists(target) else {}
        mine = layer.updated
    except StoreError:
        return None, 0.0, True
    if len(project.warnings) > warnings or layer.warning:  # a backup or a bad journal
        return None, mine, True
    if not data:
        return None, 0.0, False
    try:
        return dumps(data).encode("utf-8"), mine, False
    except ValueError:
        return None, mine, True


def _plan(project: Project, incoming: list[_Incoming], report: MergeReport) -> list[_Incoming]:
    """The layers to write, sorting the rest into the report."""
    protected = {GOLD} | ({project.annotator} if project.annotator else set())
    writes = []
    for item in incoming:
        key = (item.annotator, item.doc_id)
        mine_raw, mine, damaged = _local(project, item)
        if mine_raw == item.canonical:
            report.unchanged += 1
        elif damaged:
            report.conflicts.append(key)
        elif item.annotator in protected:
            # Only this copy changes its own (and gold) layers: a different version
            # from elsewhere is a conflict to settle by hand, never a silent overwrite.
            if mine_raw is None:
                report.own_added.append(key)
                writes.append(item)
            else:
                report.conflicts.append(key)
        elif mine and mine >= item.updated:
            report.kept_newer.append(key)
        else:
            (report.updated if mine_raw is not None else report.added).append(key)
            writes.append(item)
    return writes


def merge(
    project: Project, source: Path, *, progress: Callable[[int, int], object] | None = None
) -> MergeReport:
    """Bring in the layers of a bundle (.zip) or of another copy of the project.

    All or nothing: every layer is checked before anything is written, and a
    failure while writing takes back what this merge wrote.
    """
    source = Path(source)
    if project.read_only:
        raise ShareError(f"{project.folder}: the project is open read-only; nothing merged")
    report = MergeReport()
    new_docs: list[tuple[DocumentInfo, str]] = []
    if source.is_dir() and (source / PROJECT_FILE).exists():
        if source.resolve() == project.folder.resolve():
            raise ShareError(f"{source}: cannot merge a project into itself")
        incoming, new_docs = _read_folder(project, source)
    elif source.is_file():
        incoming = _read_bundle(project, source)
    else:
        raise ShareError(f"{source}: neither a bundle (.zip) nor a project folder")
    writes = _plan(project, incoming, report)
    known = {d.id for d in project.documents()}
    written: list[tuple[Path, bytes | None]] = []
    created: list[Path] = []
    try:
        if new_docs:
            results = project.add_documents((i.title, t, i.meta) for i, t in new_docs)
            report.documents_added = [doc_id for doc_id, created in results if created]
        for done, item in enumerate(writes, 1):
            if progress is not None:
                progress(done, len(writes))
            target = paths.layer_path(project.folder, item.annotator, item.doc_id)
            if not os.path.lexists(target.parent):
                created.append(target.parent)
            paths.make_dirs(project.folder, target.parent)
            if item.doc_id in known:
                # Fold this copy's journal in first, so the file written here is the whole layer.
                project.layer(item.doc_id, item.annotator).compact()
            written.append((target, paths.read_file(project.folder, target)))
            atomic_write(target, item.canonical, backup=True, root=project.folder)
            project.adopt_layer(item.doc_id, item.annotator)
        for annotator in sorted({i.annotator for i in writes}):
            if annotator not in project.annotators():
                project.add_annotator(annotator)
    except (OSError, TawsimError) as exc:
        _undo(project, written, created, report.documents_added)
        reason = exc.strerror if isinstance(exc, OSError) else None
        raise ShareError(f"{source}: merge failed and was undone ({reason or exc})") from None
    return report


def _undo(
    project: Project, written: list[tuple[Path, bytes | None]], created: list[Path], docs: list[str]
) -> None:
    """Take back a failed merge: layers restored, new folders and documents removed."""
    for target, before in reversed(written):
        try:
            if before is None:
                target.unlink(missing_ok=True)
            else:
                atomic_write(target, before, root=project.folder)
        except (OSError, TawsimError):
            continue
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            continue
    if docs:
        try:
            project.remove_documents(docs)
        except (OSError, TawsimError):
            pass
    project.reload()


def summarise(report: MergeReport) -> list[str]:
    """Lines describing a merge."""
    lines = [
        f"{len(report.documents_added)} document(s) added",
        f"{len(report.added)} layer(s) added, {len(report.updated)} updated, "
        f"{report.unchanged} unchanged",
    ]
    if report.kept_newer:
        lines.append(
            f"{len(report.kept_newer)} layer(s) kept because this copy is newer: "
            + ", ".join(f"{a}/{d}" for a, d in report.kept_newer[:10])
        )
    if report.own_added:
        lines.append(
            f"{len(report.own_added)} of your own or gold layer(s) came from the other copy: "
            + ", ".join(f"{a}/{d}" for a, d in report.own_added[:10])
        )
    if report.conflicts:
        lines.append(
            f"{len(report.conflicts)} conflict(s) left as they are here (your own or gold "
            "layers, or damaged ones, that differ in the other copy): "
            + ", ".join(f"{a}/{d}" for a, d in report.conflicts[:10])
        )
    return lines
