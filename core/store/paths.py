"""Every path the store opens inside a project, built from validated ids and never a link.

A project folder may come from someone else (git, a synced folder, a copy),
so nothing in it is trusted: document ids must be 16 hex digits, annotator
names pass core.model.validate_annotator, and no file or folder between the
project folder and the file opened may be a symbolic link. The project
folder itself is whatever the user chose to open.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from core.errors import InputError, StoreError, ValidationError
from core.model import DocumentInfo, validate_annotator
from core.safeio import read_bounded

TEXTS_DIR = "texts"
LAYERS_DIR = "layers"
INDEX_DIR = "index"
PROJECT_FILE = "project.json"
# Larger than any text import accepts (20 MB) or any layer Tawsim writes.
MAX_STORE_FILE_BYTES = 256 * 1024 * 1024
_DOC_ID = re.compile(r"[0-9a-f]{16}")
# Temporary files: ours (".<name>.<8 hex>.tmp"), mkstemp's of older versions,
# and the fixed "<name>.bak.tmp" older versions used for backups.
_TEMP = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp|.+\.bak\.tmp")


def text_id(text: str) -> str:
    """A document's id: derived from its exact text, so copies of a project agree."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def is_annotator(name: object) -> bool:
    """True if name is a valid annotator name."""
    try:
        validate_annotator(name)  # type: ignore[arg-type]
    except ValidationError:
        return False
    return True


def is_doc_id(value: object) -> bool:
    """True for a document id: exactly 16 lowercase hex digits."""
    return isinstance(value, str) and _DOC_ID.fullmatch(value) is not None


def check_doc_id(value: object, where: object) -> str:
    """Return value if it is a document id; StoreError naming where otherwise."""
    if not is_doc_id(value):
        raise StoreError(
            f"{where}: document id {str(value)[:40]!r} is not 16 hex digits; refused",
            code="doc_id_invalid",
            path=where,
            id=str(value)[:40],
        )
    assert isinstance(value, str)
    return value


def check_annotator(name: object, where: object) -> str:
    """Return name if it is a valid annotator name; StoreError naming where otherwise."""
    try:
        return validate_annotator(name)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise StoreError(
            f"{where}: {exc}", code=exc.code, **{**exc.params, "path": where}
        ) from None


def text_path(folder: Path, doc_id: str) -> Path:
    """Where a document's text lives."""
    return Path(folder) / TEXTS_DIR / f"{check_doc_id(doc_id, folder)}.txt"


def layer_dir(folder: Path, annotator: str) -> Path:
    """Where an annotator's layers live."""
    return Path(folder) / LAYERS_DIR / check_annotator(annotator, folder)


def layer_path(folder: Path, annotator: str, doc_id: str) -> Path:
    """Where one annotator's layer of one document lives."""
    return layer_dir(folder, annotator) / f"{check_doc_id(doc_id, folder)}.json"


def check_no_links(folder: Path, path: Path) -> None:
    """StoreError unless path lies inside folder with no symbolic link on the way.

    Components that do not exist yet are fine (they will be created as plain
    folders and files).
    """
    folder, path = Path(folder), Path(path)
    try:
        parts = path.relative_to(folder).parts
    except ValueError:
        raise StoreError(
            f"{path}: outside the project {folder}; refused",
            code="outside_project",
            path=path,
            folder=folder,
        ) from None
    if ".." in parts:
        raise StoreError(
            f"{path}: outside the project {folder}; refused",
            code="outside_project",
            path=path,
            folder=folder,
        )
    current = folder
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(
                f"{current}: cannot read ({exc.strerror or exc})",
                code="cannot_read",
                path=current,
                detail=exc.strerror or exc,
            ) from None
        if stat.S_ISLNK(mode):
            raise StoreError(
                f"{current}: is a symbolic link inside the project; refused "
                "(Tawsim never follows links in a project folder; replace it with the real file)",
                code="link_in_project",
                path=current,
            )


def read_file(folder: Path, path: Path, limit: int = MAX_STORE_FILE_BYTES) -> bytes | None:
    """A project file's bytes, None if it does not exist; StoreError if unsafe or unreadable."""
    check_no_links(folder, path)
    try:
        return read_bounded(path, limit, follow=False)
    except InputError as exc:
        if not os.path.lexists(path):
            return None
        raise StoreError(
            str(exc), code=exc.code, **{**exc.params, "path": exc.path, "line": exc.line}
        ) from None


def read_text(folder: Path, info: DocumentInfo) -> str:
    """A document's stored text, checked against its id; StoreError naming the file."""
    path = text_path(folder, info.id)
    raw = read_file(folder, path)
    if raw is None:
        raise StoreError(f"{path}: the document's text is missing", code="text_missing", path=path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise StoreError(
            f"{path}:{line}: the document text is not valid UTF-8",
            code="text_not_utf8",
            path=path,
            line=line,
        ) from None
    if text_id(text) != info.id:
        # git's autocrlf turns a checked-out text's line endings into CRLF.
        unix = text.replace("\r\n", "\n")
        if text_id(unix) != info.id:
            raise StoreError(
                f"{path}: the text does not match its document id (it was changed); refused",
                code="text_changed",
                path=path,
            )
        text = unix
    return text


def make_dirs(folder: Path, path: Path) -> None:
    """Create the folders from folder down to path, refusing links; fsync what was created."""
    check_no_links(folder, path)
    missing = []
    current = Path(path)
    while current != folder and not os.path.lexists(current):
        missing.append(current)
        current = current.parent
    for created in reversed(missing):
        try:
            created.mkdir()
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(
                f"{created}: cannot create the folder ({exc.strerror or exc})",
                code="cannot_create_folder",
                path=created,
                detail=exc.strerror or exc,
            ) from None
        # A new folder's entry in its parent is durable only once the parent is fsynced.
        fsync_dir(created.parent)
    check_no_links(folder, path)
    if not stat.S_ISDIR(os.lstat(path).st_mode):
        raise StoreError(f"{path}: is not a folder; refused", code="not_a_folder", path=path)


def fsync_dir(folder: Path) -> None:
    """Make a rename inside folder durable (a no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fresh_name(path: Path, suffix: str = ".tmp") -> Path:
    """A random name beside path for a file to be created with O_EXCL."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}")


def create_fresh(path: Path) -> tuple[int, Path]:
    """Create a new file beside path that did not exist before; return (fd, its path).

    O_CREAT|O_EXCL|O_NOFOLLOW: nothing already there (a planted file or link)
    is ever opened. The mode follows the umask, like any file the user makes.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(64):
        tmp = fresh_name(path)
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{path}: no free temporary name")


def layer_annotators(folder: Path) -> list[str]:
    """Annotators with a layer folder (plain folders with a valid name; links are ignored)."""
    names = []
    for entry in _scan(Path(folder) / LAYERS_DIR):
        if entry.is_dir(follow_symlinks=False):
            try:
                names.append(validate_annotator(entry.name))
            except ValidationError:
                continue
    return names


def layer_files(folder: Path, doc_id: str) -> list[Path]:
    """Every layer file (and backup) of one document, in plain layer folders."""
    check_doc_id(doc_id, folder)
    found = []
    for name in layer_annotators(folder):
        for suffix in (".json", ".json.bak", ".journal"):
            path = Path(folder) / LAYERS_DIR / name / f"{doc_id}{suffix}"
            if os.path.lexists(path):
                found.append(path)
    return found


def _scan(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            yield from list(entries)
    except OSError:
        return


def clean_stale_temp(folder: Path) -> int:
    """Remove temporary files a killed writer left behind; return how many.

    Called with the project's lock held, so no writer of ours is mid-write.
    """
    folder = Path(folder)
    dirs = [folder, folder / TEXTS_DIR, folder / LAYERS_DIR, folder / INDEX_DIR]
    dirs += [folder / LAYERS_DIR / name for name in layer_annotators(folder)]
    removed = 0
    for directory in dirs:
        if os.path.islink(directory):
            continue
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        # Names only, filtered in C first: 100,000 layer files have no ".tmp" among them.
        for name in [n for n in names if n.endswith(".tmp")]:
            path = os.path.join(directory, name)
            if _TEMP.fullmatch(name) and os.path.isfile(path) and not os.path.islink(path):
                try:
                    os.unlink(path)
                    removed += 1
                except OSError:
                    pass
    return removed
