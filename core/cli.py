"""The command-line interface: ``python main.py SUBCOMMAND``, over the same core as the GUI.

User errors print one line on stderr and exit non-zero. An unexpected error
is logged with its traceback to a file in the user data folder, and the CLI
prints that file's path instead of the traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from core.errors import TawsimError
from core.extract.batch import register as register_batch_commands
from core.extract.commands import register as register_extract_commands
from core.formats.project_io import EXPORT_FORMATS, IMPORT_FORMATS
from core.settings import data_dir, default_annotator, known_projects, remember_project
from core.team_commands import register as register_team_commands

PROG = "python main.py"
Handler = Callable[[argparse.Namespace], int]


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else width
        line = f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if self.live:
            self.stream.write(line + ("\n" if done >= total else ""))
            self.stream.flush()
        elif done >= total:
            self.stream.write(f"{self.label}: {done}/{total}\n")


def open_project(args: argparse.Namespace, *, read_only: bool = False, create: bool = False) -> Any:
    from core.sample import ensure_sample_project
    from core.store import Project
    from core.store.project import PROJECT_FILE

    folder = Path(args.project) if args.project else ensure_sample_project()
    annotator = getattr(args, "annotator", None) or default_annotator()
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


def cmd_import(args: argparse.Namespace) -> int:
    """Import corpus files or folders into a project."""
    from core.formats.project_io import ImportOptions, import_paths

    opts = ImportOptions(
        fmt=args.format,
        scheme=args.scheme,
        encoding=args.encoding,
        status=args.as_,
        annotator=args.annotator,
        add_labels=args.add_labels,
    )
    with open_project(args, create=True) as project:
        results = import_paths(
            project, [Path(p) for p in args.paths], opts, progress=ProgressBar("import")
        )
    if not results:
        raise TawsimError("no files to import")
    for result in results:
        for note in result.notes:
            print(f"warning: {note}", file=sys.stderr)
        if result.error:
            print(f"error: {result.error}", file=sys.stderr)
        elif result.added == result.documents:
            print(f"{result.path}: {result.added} document(s), {result.spans} span(s)")
        else:
            print(
                f"{result.path}: {result.documents} document(s), "
                f"{result.documents - result.added} already in the project, {result.spans} span(s)"
            )
    failed = sum(not r.ok for r in results)
    added = sum(r.added for r in results)
    print(f"{added} document(s) added, {failed} file(s) failed", file=sys.stderr)
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export one annotator's layer of a project."""
    from core.formats.project_io import export_project

    with open_project(args, read_only=True) as project:
        report = export_project(
            project,
            args.format,
            Path(args.out),
            tokens=args.tokens,
            annotator=args.annotator,
            status=args.status,
            include_suggestions=args.include_suggestions,
            nested=args.nested == "columns",
            progress=ProgressBar("export"),
        )
    for problem in report.problems:
        print(
            f"warning: document {problem.doc} span [{problem.start}, {problem.end}) "
            f"{problem.label}: {problem.reason}",
            file=sys.stderr,
        )
    print(
        f"exported {report.documents} document(s), {report.spans} span(s) to {args.out}"
        + (
            f"; {len(report.problems)} span(s) not kept exactly (see above)"
            if report.problems
            else ""
        ),
        file=sys.stderr,
    )
    return 0


def project_stats(project: Any) -> dict[str, Any]:
    """Document count and span counts by label, status and annotator."""
    by_label: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    by_annotator: Counter[str] = Counter()
    doc_status: dict[str, Counter[str]] = {}
    annotators = project.annotators()
    for doc in project.documents():
        for annotator in annotators:
            layer = project.layer(doc.id, annotator)
            spans = layer.spans()
            doc_status.setdefault(annotator, Counter())[layer.status] += 1
            for span in spans:
                by_status[span.status] += 1
                by_annotator[annotator] += 1
                if span.status == "accepted":
                    by_label[span.label] += 1
    return {
        "project": project.name,
        "folder": str(project.folder),
        "documents": len(project),
        "annotators": annotators,
        "spans_by_label": dict(sorted(by_label.items())),
        "spans_by_status": dict(sorted(by_status.items())),
        "spans_by_annotator": dict(sorted(by_annotator.items())),
        "documents_by_status": {a: dict(sorted(c.items())) for a, c in doc_status.items()},
    }


def cmd_stats(args: argparse.Namespace) -> int:
    """Print documents and spans by label, status and annotator."""
    with open_project(args, read_only=True) as project:
        stats = project_stats(project)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    print(f"project    {stats['project']}  ({stats['folder']})")
    print(f"documents  {stats['documents']}")
    for title, key in (
        ("accepted spans by label", "spans_by_label"),
        ("spans by status", "spans_by_status"),
        ("spans by annotator", "spans_by_annotator"),
    ):
        print(f"{title}:")
        for name, count in stats[key].items() or [("(none)", 0)]:
            print(f"  {name:<20} {count:>7}")
    for annotator, counts in stats["documents_by_status"].items():
        line = ", ".join(f"{k} {v}" for k, v in counts.items())
        print(f"documents of {annotator}: {line}")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    """List the project's label set, or add, change or remove a label."""
    from dataclasses import replace

    from core.model import Label, LabelSet

    editing = bool(args.add or args.remove or args.set)
    with open_project(args, read_only=not editing) as project:
        labels = project.labels
        if args.add:
            labels = labels.with_label(args.add, en=args.en or "", ar=args.ar or "")
            args.set = args.add
        if args.set:
            old = labels.get(args.set)
            new = replace(
                old,
                en=args.en or old.en,
                ar=args.ar or old.ar,
                color=args.color or old.color,
                hotkey=old.hotkey if args.hotkey is None else (args.hotkey or None),
            )
            labels = LabelSet(tuple(new if lb.name == old.name else lb for lb in labels))
        if args.remove:
            labels.get(args.remove)
            used = sum(
                1
                for doc in project.documents()
                for annotator in project.annotators()
                for span in project.layer(doc.id, annotator).spans()
                if span.label == args.remove
            )
            if used:
                raise TawsimError(
                    f"label {args.remove} is used by {used} span(s); relabel or delete them first"
                )
            labels = LabelSet(tuple(lb for lb in labels if lb.name != args.remove))
        if editing:
            project.set_labels(labels)
        rows: list[Label] = list(labels)
    for label in rows:
        key = label.hotkey if label.hotkey is not None else "-"
        print(f"{key}  {label.name:<10} {label.color}  {label.en} / {label.ar}")
    return 0


def cmd_projects(args: argparse.Namespace) -> int:
    """List known projects."""
    from core.sample import ensure_sample_project
    from core.store.project import PROJECT_FILE

    ensure_sample_project()
    for folder in known_projects():
        state = "" if (folder / PROJECT_FILE).exists() else "  (missing)"
        print(f"{folder}{state}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Tawsim (توسيم): annotate named entities in Arabic text. "
        "Without a subcommand the desktop app opens on the sample project.",
        epilog="On Linux, '--install-desktop-entry' (alone) adds Tawsim to the "
        "desktop's application menu.",
    )
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        p.add_argument(
            "--project",
            metavar="DIR",
            help="project folder (default: the sample project)",
        )
        return p

    p = add("gui", lambda a: 0, "open the desktop app (the default without a subcommand)")
    p.add_argument("--annotator", metavar="NAME")
    p = add(
        "import",
        cmd_import,
        "import text, JSONL, CoNLL, brat or Label Studio files or folders "
        "(a new or empty --project folder becomes a new project)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", default="auto", choices=IMPORT_FORMATS)
    p.add_argument("--scheme", choices=("iob1", "iob2", "bioes"), help="CoNLL tag scheme")
    p.add_argument("--encoding", metavar="ENC", help="force an encoding (default: detect)")
    p.add_argument(
        "--as",
        dest="as_",
        choices=("accepted", "suggested"),
        default="accepted",
        help="import spans as accepted (default) or as suggestions",
    )
    p.add_argument("--annotator", metavar="NAME", help="whose layer gets the spans")
    p.add_argument("--add-labels", action="store_true", help="add unknown labels to the project")
    p = add("export", cmd_export, "export one annotator's layer")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--out", required=True, metavar="PATH", help="file (a folder for brat)")
    p.add_argument(
        "--tokens",
        choices=("whitespace", "clitic"),
        default="whitespace",
        help="CoNLL tokens: whitespace (ANERcorp) or split at proclitics",
    )
    p.add_argument("--annotator", metavar="NAME", help="whose layer (default: you; 'gold')")
    p.add_argument(
        "--status",
        choices=("done", "any"),
        default="any",
        help="only documents marked done, or all",
    )
    p.add_argument("--include-suggestions", action="store_true")
    p.add_argument(
        "--nested",
        choices=("outer", "columns"),
        default="outer",
        help="CoNLL: outermost spans only, or a column per nesting level",
    )
    p = add("stats", cmd_stats, "documents and spans by label, status and annotator")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("labels", cmd_labels, "show or edit the project's label set")
    p.add_argument("--add", metavar="NAME", help="add a label")
    p.add_argument("--set", metavar="NAME", help="change a label's names, colour or hotkey")
    p.add_argument("--remove", metavar="NAME", help="remove an unused label")
    p.add_argument("--en", metavar="TEXT", help="English display name")
    p.add_argument("--ar", metavar="TEXT", help="Arabic display name")
    p.add_argument("--color", metavar="#RRGGBB")
    p.add_argument("--hotkey", type=int, metavar="0-9", help="1-9, or 0 for none")
    add("projects", cmd_projects, "list known projects")
    register_extract_commands(add)
    register_batch_commands(add)
    register_team_commands(add)
    return parser


def _log_crash() -> Path:
    path = data_dir() / "tawsim-error.log"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {sys.argv!r}\n")
        handle.write(traceback.format_exc())
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return the exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except TawsimError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        log_path = _log_crash()
        print(
            f"{PROG} {args.command}: internal error: {exc.__class__.__name__}: {exc} "
            f"(details in {log_path})",
            file=sys.stderr,
        )
        return 70
