"""Command-line subcommands for team work: agreement, bundle, merge, adjudicate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core.cli.common import Add, Progress, open_project


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def cmd_agreement(args: argparse.Namespace) -> int:
    """Print pairwise and per-label agreement, alpha, and documents that disagree most."""
    from core.agreement import project_agreement

    with open_project(args, read_only=True) as project, Progress("agreement") as bar:
        names = args.annotators.split(",") if args.annotators else None
        report = project_agreement(project, names, progress=bar)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    print("pair                      docs  exact F1  overlap F1  kappa")
    for pair in report.pairs:
        print(
            f"{pair.a + ' / ' + pair.b:<25} {pair.documents:>4}  {_fmt(pair.exact_f1)}    "
            f"{_fmt(pair.overlap_f1)}    {_fmt(pair.kappa)}"
        )
        for label, figures in pair.per_label.items():
            print(
                f"  {label:<23}       {_fmt(figures['exact_f1'])}    "
                f"{_fmt(figures['overlap_f1'])}    {_fmt(figures['kappa'])}"
            )
    print(f"Krippendorff's alpha (tokens, all annotators): {_fmt(report.alpha).strip()}")
    if report.documents:
        print("\ndocuments, most disagreement first:")
        print("disagreements  exact F1  annotators  title")
        for doc in report.documents[: args.top]:
            print(
                f"{doc.disagreements:>13}  {_fmt(doc.exact_f1)}  {','.join(doc.annotators):<10}  "
                f"{doc.title[:60]}"
            )
    if not report.pairs:
        print("(no two annotators have worked on the same document yet)", file=sys.stderr)
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    """Pack one annotator's layers into a zip to send by mail."""
    from core.share import bundle

    with open_project(args, read_only=True) as project:
        count = bundle(project, args.annotator, Path(args.out))
    print(f"{count} layer(s) of {args.annotator} written to {args.out}", file=sys.stderr)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Bring in another copy's layers (a project folder or a bundle)."""
    from core.share import merge, summarise

    with open_project(args) as project, Progress("merge", unit="layer") as bar:
        report = merge(project, Path(args.source), progress=bar)
    for line in summarise(report):
        print(line)
    return 0


def cmd_adjudicate(args: argparse.Namespace) -> int:
    """Accept the spans all annotators agree on into the gold layer."""
    from core.curation import accept_agreed, curate

    names = args.annotators.split(",") if args.annotators else None
    added = open_groups = 0
    with open_project(args) as project:
        for info in project.documents():
            curation = curate(project, info.id, names)
            if len(curation.annotators) < 2:
                continue
            added += len(accept_agreed(project, info.id, curation.annotators))
            open_groups += len(curation.disagreements)
    print(
        f"{added} agreed span(s) added to gold; {open_groups} disagreement(s) left to settle "
        "in the curation view"
    )
    return 0


def register(add: Add) -> None:
    """Add the team subcommands to the CLI."""
    p = add("agreement", cmd_agreement, "agreement between annotators (F1, kappa, alpha)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--annotators", metavar="A,B,...", help="only these annotators")
    p.add_argument("--top", type=int, default=20, metavar="N", help="documents to list")
    p = add("bundle", cmd_bundle, "pack one annotator's layers into a zip file")
    p.add_argument("--annotator", required=True, metavar="NAME")
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p = add("merge", cmd_merge, "bring in layers from another copy of the project or a bundle")
    p.add_argument("source", metavar="OTHER_PROJECT_OR_BUNDLE")
    p = add("adjudicate", cmd_adjudicate, "accept agreed spans into the gold layer")
    p.add_argument("--annotators", metavar="A,B,...", help="only these annotators")
