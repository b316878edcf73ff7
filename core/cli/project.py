"""Project commands: import, export, stats, labels, projects."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from core.cli.common import Add, Progress, open_project
from core.errors import TawsimError
from core.formats.conll import PRESETS, WRITE_SCHEMES
from core.formats.project_io import DUPLICATES, EXPORT_FORMATS, IMPORT_FORMATS
from core.settings import known_projects


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
        columns=tuple(args.columns.split(",")) if args.columns else None,
        skip_bad_lines=args.skip_bad_lines,
        duplicates=args.duplicates,
    )
    with open_project(args, create=True) as project, Progress("import", unit="file") as bar:
        results = import_paths(project, [Path(p) for p in args.paths], opts, progress=bar)
    if not results:
        raise TawsimError("no files to import")
    for result in results:
        for note in result.notes:
            print(f"warning: {note}", file=sys.stderr)
        dropped = ", ".join(f"{n} {kind}" for kind, n in sorted(result.not_imported.items()))
        dropped = f" (not imported: {dropped})" if dropped else ""
        if result.error:
            print(f"error: {result.error}", file=sys.stderr)
        elif result.added == result.documents:
            print(f"{result.path}: {result.added} document(s), {result.spans} span(s){dropped}")
        else:
            print(
                f"{result.path}: {result.documents} document(s), "
                f"{result.documents - result.added} already in the project, "
                f"{result.spans} span(s){dropped}"
            )
    failed = sum(not r.ok for r in results)
    added = sum(r.added for r in results)
    print(f"{added} document(s) added, {failed} file(s) failed", file=sys.stderr)
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export one annotator's layer of a project."""
    from core.formats.project_io import export_project

    with open_project(args, read_only=True) as project, Progress("export") as bar:
        report = export_project(
            project,
            args.format,
            Path(args.out),
            tokens=args.tokens,
            annotator=args.annotator,
            status=args.status,
            include_suggestions=args.include_suggestions,
            nested=args.nested == "columns",
            preset=args.preset,
            scheme=args.scheme,
            delimiter=args.delimiter,
            docstart=None if args.docstart is None else args.docstart == "yes",
            progress=bar,
        )
    for problem in report.problems:
        print(
            f"warning: document {problem.doc} span [{problem.start}, {problem.end}) "
            f"{problem.label}: {problem.reason}",
            file=sys.stderr,
        )
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
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
    # Summaries come from the per-annotator cache, summed a column at a time.
    for annotator in annotators:
        statuses, counts, labels = project.summary_totals(annotator)
        if statuses:
            doc_status[annotator] = statuses
        if counts:
            by_annotator[annotator] += sum(counts.values())
        by_status.update(counts)
        by_label.update(labels)
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


def register(add: Add) -> None:
    """Add the project subcommands with the CLI's ``add`` helper."""
    p = add("gui", lambda a: 0, "open the desktop app (the default without a subcommand)")
    p.add_argument("--annotator", metavar="NAME")
    p = add(
        "import",
        cmd_import,
        "import text, JSONL, CoNLL, brat, Label Studio or WebAnno TSV files or folders "
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
    p.add_argument(
        "--columns",
        metavar="NAMES",
        help="CoNLL columns, comma-separated: token, ner (one per nesting level) "
        "and _ for others, e.g. token,_,_,ner (default: detect)",
    )
    p.add_argument(
        "--skip-bad-lines",
        action="store_true",
        help="import the rest of a file with malformed lines, listing each skipped line",
    )
    p.add_argument(
        "--duplicates",
        choices=DUPLICATES,
        default="report",
        help="a second copy of a text with different annotations: refuse the file (report), "
        "give its spans a layer of their own (layer), or leave them out (skip)",
    )
    p = add(
        "export",
        cmd_export,
        "export one annotator's layer (CoNLL, JSONL, brat, Label Studio, WebAnno TSV, spaCy)",
    )
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument(
        "--out", required=True, metavar="PATH", help="file (a folder for brat and webanno)"
    )
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
    p.add_argument(
        "--preset",
        choices=tuple(PRESETS),
        help="CoNLL as a consumer reads it: doccano (tabs, no -DOCSTART-), spacy "
        "(spacy convert), anercorp (ANERcorp's own layout)",
    )
    p.add_argument("--scheme", choices=WRITE_SCHEMES, help="CoNLL tag scheme (default iob2)")
    p.add_argument(
        "--delimiter", choices=("space", "tab"), help="CoNLL column separator (default space)"
    )
    p.add_argument(
        "--docstart",
        choices=("yes", "no"),
        help="CoNLL: -DOCSTART- lines between documents (default: when there are several)",
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
