"""Helpers for the security tests: sentinel files outside a project, one-line refusals."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from core.model import Span
from core.store import Project

TEXT = "سوريا والعراق ولبنان"


@dataclass
class Sentinel:
    """A file outside the project whose content and mtime must never change."""

    path: Path
    content: bytes
    mtime_ns: int

    def assert_untouched(self) -> None:
        """Fail if the file was written, truncated, replaced or even re-stamped."""
        assert self.path.exists() and not self.path.is_symlink(), self.path
        assert self.path.read_bytes() == self.content, "sentinel content changed"
        assert self.path.stat().st_mtime_ns == self.mtime_ns, "sentinel was written"


def sentinel(folder: Path, name: str = "secret.txt", content: bytes | None = None) -> Sentinel:
    """A file with known content and an mtime in the past."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = content if content is not None else b"export PAYLOAD=untouched  # user's own file\n"
    path.write_bytes(data)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return Sentinel(path, data, path.stat().st_mtime_ns)


def make_project(folder: Path, annotator: str = "ali") -> str:
    """A project with one document and two spans in annotator's layer; return the doc id."""
    with Project.create(folder, name="p", annotator=annotator) as project:
        doc = project.add_document("t", TEXT, {})
        layer = project.layer(doc)
        layer.add(Span(0, 5, "LOC", annotator))
        layer.add(Span(6, 13, "LOC", annotator))
    return doc


def one_line(exc: BaseException, *names: str) -> None:
    """Assert a refusal is one line naming each of names."""
    message = str(exc)
    assert "\n" not in message, message
    for name in names:
        assert name in message, (name, message)


def layer_file(folder: Path, doc: str, annotator: str = "ali") -> Path:
    """The path of a layer file."""
    return folder / "layers" / annotator / f"{doc}.json"
