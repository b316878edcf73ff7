"""Sharing a project between machines: bundles of one annotator's layers, and merging.

A bundle is a zip file::

    manifest.json                 project id and name, annotator, documents (id, title)
    layers/<annotator>/<doc>.json the annotator's layer files, as the store writes them

Merging brings in layers from a bundle or from another copy of the project
folder. A layer is taken when this copy has none or an older one (by the
time stamp every layer write records), so merging twice changes nothing,
and a layer is never replaced by an older version. Everything is checked
before anything is written: a bundle of another project, a layer made on a
different text, a malformed layer, or a zip entry pointing outside the
project refuses the whole merge and leaves the project unchanged.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from core.errors import TawsimError
from core.model import DOC_STATUSES, DocumentInfo, Span, validate_annotator, validate_span
from core.store import Project
from core.store.layer import LAYERS_DIR
from core.store.project import PROJECT_FILE
from core.store.storage import atomic_write

BUNDLE_VERSION = 1
MAX_ENTRY_BYTES = 50 * 1024 * 1024


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


@dataclass
class _Incoming:
    annotator: str
    doc_id: str
    raw: bytes
    updated: float


def bundle(project: Project, annotator: str, out: Path) -> int:
    """Write one annotator's layers to a zip file; return how many layers it holds."""
    validate_annotator(annotator)
    folder = project.folder / LAYERS_DIR / annotator
    docs = []
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for info in project.documents():
                path = folder / f"{info.id}.json"
                if not path.exists():
                    continue
                project.layer(info.id, annotator).spans()  # fails loudly on a corrupt layer
                zf.write(path, f"{LAYERS_DIR}/{annotator}/{info.id}.json")
                docs.append({"id": info.id, "title": info.title})
            manifest = {
                "bundle_version": BUNDLE_VERSION,
                "project_id": project.project_id,
                "project": project.name,
                "annotator": annotator,
                "documents": docs,
            }
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ShareError(f"{out}: cannot write the bundle ({exc.strerror or exc})") from exc
    return len(docs)


def _layer_updated(path: str, raw: bytes) -> float:
    try:
        data = json.loads(raw.decode("utf-8"))
        state = data.get("state", {}).get("1", {})
        spans = data.get("spans", {})
        if not isinstance(spans, dict):
            raise ValueError("spans is not an object")
    except (UnicodeDecodeError, ValueError, AttributeError) as exc:
        raise ShareError(f"{path}: not a valid layer file ({exc})") from None
    return float(state.get("updated", 0.0)) if isinstance(state, dict) else 0.0


def _safe_entry(name: str, source: Path) -> tuple[str, str] | None:
    """(annotator, doc_id) for a layer entry; ShareError for paths outside the project."""
    path = PurePosixPath(name)
    if name.startswith(("/", "\\")) or ".." in path.parts or "\\" in name or ":" in name:
        raise ShareError(f"{source}: entry {name!r} points outside the project; refused")
    if name == "manifest.json" or name.endswith("/"):
        return None
    if len(path.parts) != 3 or path.parts[0] != LAYERS_DIR or path.suffix != ".json":
        raise ShareError(f"{source}: unexpected entry {name!r}; not a Tawsim bundle")
    try:
        validate_annotator(path.parts[1])
    except TawsimError as exc:
        raise ShareError(f"{source}: entry {name!r}: {exc}") from None
    return path.parts[1], path.stem


def _read_bundle(project: Project, source: Path) -> list[_Incoming]:
    try:
        zf = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ShareError(f"{source}: not a readable zip file ({exc})") from None
    with zf:
        names = zf.namelist()
        entries = [(n, _safe_entry(n, source)) for n in names]
        if "manifest.json" not in names:
            raise ShareError(f"{source}: no manifest.json; not a Tawsim bundle")
        try:
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
        except (UnicodeDecodeError, ValueError, zipfile.BadZipFile) as exc:
            raise ShareError(f"{source}: manifest.json is unreadable ({exc})") from None
        if not isinstance(manifest, dict):
            raise ShareError(f"{source}: manifest.json is not an object")
        if int(manifest.get("bundle_version", 0) or 0) > BUNDLE_VERSION:
            raise ShareError(f"{source}: made by a newer Tawsim; update to merge it")
        if manifest.get("project_id") != project.project_id:
            raise ShareError(
                f"{source}: belongs to project {manifest.get('project')!r} "
                f"({manifest.get('project_id')}), not to {project.name!r} ({project.project_id})"
            )
        titles = {
            str(d.get("id")): str(d.get("title", ""))
            for d in manifest.get("documents", [])
            if isinstance(d, dict)
        }
        known = {d.id for d in project.documents()}
        incoming = []
        for name, entry in entries:
            if entry is None:
                continue
            info = zf.getinfo(name)
            if info.file_size > MAX_ENTRY_BYTES:
                raise ShareError(f"{source}: entry {name!r} is too large")
            try:
                raw = zf.read(name)
            except (zipfile.BadZipFile, OSError) as exc:
                raise ShareError(f"{source}: entry {name!r} is corrupt ({exc})") from None
            annotator, doc_id = entry
            if doc_id not in known:
                title = titles.get(doc_id, "")
                raise ShareError(
                    f"{source}: the layer for document {title or doc_id!r} was made on a "
                    f"different version of its text (document {doc_id} is not in this project)"
                )
            incoming.append(
                _Incoming(annotator, doc_id, raw, _layer_updated(f"{source}:{name}", raw))
            )
    return incoming


def _read_folder(
    project: Project, source: Path
) -> tuple[list[_Incoming], list[tuple[DocumentInfo, str]]]:
    other = Project.open(source, read_only=True)
    try:
        if other.project_id != project.project_id:
            raise ShareError(
                f"{source}: a different project ({other.name!r}), not a copy of {project.name!r}"
            )
        texts = {d.id: (d, other.text(d.id)) for d in other.documents()}
    finally:
        other.close()
    known = {d.id for d in project.documents()}
    new_docs = [(info, text) for doc_id, (info, text) in texts.items() if doc_id not in known]
    incoming = []
    layers = source / LAYERS_DIR
    for path in sorted(layers.glob("*/*.json")) if layers.is_dir() else []:
        annotator, doc_id = path.parent.name, path.stem
        validate_annotator(annotator)
        if doc_id not in texts:
            continue
        raw = path.read_bytes()
        incoming.append(_Incoming(annotator, doc_id, raw, _layer_updated(str(path), raw)))
    return incoming, new_docs


def _check_layer(project: Project, item: _Incoming, source: Path, length: int) -> None:
    """Parse and validate a layer before it is written."""
    where = f"{source}: layers/{item.annotator}/{item.doc_id}.json"
    try:
        data = json.loads(item.raw.decode("utf-8"))
        state = data.get("state", {}).get("1", {})
        spans = data.get("spans", {}).items()
    except (UnicodeDecodeError, ValueError, AttributeError) as exc:
        raise ShareError(f"{where}: not a valid layer file ({exc})") from None
    if state and state.get("status") not in DOC_STATUSES:
        raise ShareError(f"{where}: unknown status {state.get('status')!r}")
    for span_id, row in spans:
        try:
            span = Span.from_json(row, int(span_id))
            validate_span(span, length, project.labels)
        except (KeyError, TypeError, ValueError, AttributeError, TawsimError) as exc:
            raise ShareError(f"{where}: span {span_id}: {exc}") from None


def merge(project: Project, source: Path) -> MergeReport:
    """Bring in the layers of a bundle (.zip) or of another copy of the project."""
    source = Path(source)
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
    lengths = {d.id: d.length for d in project.documents()}
    lengths.update({info.id: len(text) for info, text in new_docs})
    for item in incoming:
        _check_layer(project, item, source, lengths[item.doc_id])
    if new_docs:
        results = project.add_documents((i.title, t, i.meta) for i, t in new_docs)
        report.documents_added = [doc_id for doc_id, created in results if created]
    for item in incoming:
        layer = project.layer(item.doc_id, item.annotator)
        mine = layer.updated
        target = project.folder / LAYERS_DIR / item.annotator / f"{item.doc_id}.json"
        if target.exists() and target.read_bytes() == item.raw:
            report.unchanged += 1
            continue
        if mine and mine >= item.updated:
            report.kept_newer.append((item.annotator, item.doc_id))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, item.raw, backup=True)
        layer.reload()
        (report.updated if mine else report.added).append((item.annotator, item.doc_id))
    for annotator in sorted({i.annotator for i in incoming}):
        if annotator not in project.annotators():
            project.add_annotator(annotator)
    return report


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
    return lines
