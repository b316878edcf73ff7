"""What every command shares: the program name, opening a project, progress bars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from core.errors import TawsimError
from core.settings import default_annotator, remember_project

if TYPE_CHECKING:
    from core.store import Project

PROG = "python main.py"
Handler = Callable[[argparse.Namespace], int]
Add = Callable[[str, Handler, str], argparse.ArgumentParser]


class Progress:
    """A progress bar on stderr (tqdm), drawn only when stderr is a terminal.

    Core functions report ``progress(done, total)``; this adapts that callback
    to tqdm, which stays silent when the output is a file or a pipe.
    """

    def __init__(self, label: str, *, unit: str = "doc") -> None:
        self.label = label
        self.unit = unit
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from tqdm import tqdm

            # disable=None: off when stderr is not a terminal.
            self._bar = tqdm(
                total=total, desc=self.label, unit=self.unit, disable=None, file=sys.stderr
            )
        elif total != self._bar.total:
            self._bar.total = total
        self._bar.update(done - self._bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        """Finish the bar (also when the work stopped early)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_project(
    args: argparse.Namespace, *, read_only: bool = False, create: bool = False
) -> Project:
    """The project named by ``--project`` (the sample by default), warnings printed."""
    from core.sample import ensure_sample_project
    from core.store import Project
    from core.store.project import PROJECT_FILE

    folder = Path(args.project) if args.project else ensure_sample_project()
    annotator = default_annotator(getattr(args, "annotator", None))
    if create and not (folder / PROJECT_FILE).exists():
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise TawsimError(
                f"{folder}: not a Tawsim project, and not an empty folder to make one in"
            )
        project = Project.create(folder, name=folder.name, annotator=annotator)
        print(f"created project {folder}", file=sys.stderr)
        remember_project(folder)
        return project
    project = Project.open(folder, annotator=annotator, read_only=read_only)
    for warning in project.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not read_only:
        remember_project(folder)
    return project
