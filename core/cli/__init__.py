"""The command-line interface: ``python main.py SUBCOMMAND``, over the same core as the GUI.

One module per group of commands (project, extract, suggest, teams), each with
a ``register(add)``; this module builds the parser from them and runs one.
User errors print one line on stderr and exit non-zero. An unexpected error
is logged with its traceback to a file in the user data folder, and the CLI
prints that file's path instead of the traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from core.cli import extract, project, suggest, teams
from core.cli.common import PROG, Handler
from core.errors import TawsimError
from core.settings import data_dir

__all__ = ["build_parser", "main"]


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

    for group in (project, extract, suggest, teams):
        group.register(add)
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
