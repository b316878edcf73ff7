"""The ``suggest`` command: pre-annotate a project's documents with suggestions."""

from __future__ import annotations

import argparse
import sys

from core.cli.common import Add, Progress, open_project


def cmd_suggest(args: argparse.Namespace) -> int:
    """Pre-annotate a project's documents with suggestions."""
    # Imported here: the extractor's modules are not needed by any other command.
    from core.extract.batch import suggest_project

    with open_project(args) as project, Progress("suggest") as bar:
        report = suggest_project(
            project,
            which=args.documents,
            annotator=args.annotator,
            jobs=args.jobs,
            progress=bar,
        )
    print(
        f"{report.suggestions} suggestion(s) in {report.documents} document(s) "
        f"in {report.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


def register(add: Add) -> None:
    """Add the ``suggest`` subcommand with the CLI's ``add`` helper."""
    p = add("suggest", cmd_suggest, "pre-annotate a project's documents with suggestions")
    p.add_argument(
        "--documents",
        choices=("new", "all"),
        default="new",
        help="documents not started yet (default), or all; decisions are never overwritten",
    )
    p.add_argument("--annotator", metavar="NAME", help="whose layer gets the suggestions")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: every core)")
