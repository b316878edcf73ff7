"""Tawsim's entry point: the desktop app, or the command line with a subcommand."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Open the GUI without a subcommand (or with ``gui``), else run the CLI."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--install-desktop-entry"]:
        from core.desktop import install_desktop_entry

        try:
            done = install_desktop_entry()
        except OSError as exc:
            print(f"tawsim: cannot write the desktop entry: {exc}", file=sys.stderr)
            return 1
        print(f"Desktop entry: {done.entry}\nIcon: {done.icon}")
        return 0
    from pathlib import Path

    if args and not args[0].startswith("-") and Path(args[0]).is_dir():
        args = ["gui", "--project", args[0], *args[1:]]  # `tawsim FOLDER` opens that project
    if not args or args[0] == "gui" or args[0].startswith("--project"):
        from core.cli import build_parser

        if args and args[0] == "gui":
            args = args[1:]
        options = build_parser().parse_args(["gui", *args])
        from gui.app import run

        return run(project=options.project, annotator=options.annotator)
    from core.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
