"""How many of the real files in ../shared/data/peers import, and how many round-trip exactly.

    python bench/interop.py [--verbose]

Each file is imported into a fresh project (``--format auto``, labels added,
duplicates layered); its documents are exported in the format it came in
(CoNLL for CoNLL, and so on) and imported again into a second project. A file
round-trips when both projects hold the same texts with the same spans
(offsets and labels). Files whose import is refused on purpose (doccano's
``labeling.invalid.conll``, JSONL test files with a line without text) count
as not imported.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PEERS = ROOT.parent / "shared" / "data" / "peers"
EXPORT_AS = {"conll": "conll", "jsonl": "jsonl", "labelstudio": "labelstudio", "brat": "brat"}
SKIP = {".ann", ".conf", ".md", ""}


def contents(project: object) -> set[tuple[str, tuple[tuple[int, int, str], ...]]]:
    """Every document's text with its spans, over all layers."""
    found = set()
    for info in project.documents():  # type: ignore[attr-defined]
        keys = sorted(
            s.key
            for annotator in project.annotators()  # type: ignore[attr-defined]
            for s in project.layer(info.id, annotator).spans()  # type: ignore[attr-defined]
        )
        found.add((project.text(info.id), tuple(keys)))  # type: ignore[attr-defined]
    return found


def main() -> int:
    """Print how many peer files import and round-trip."""
    from core.formats.project_io import ImportOptions, detect_format, export_project, import_paths
    from core.store import Project

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="one line per file")
    args = parser.parse_args()
    if not PEERS.is_dir():
        print(f"{PEERS} is not there", file=sys.stderr)
        return 1
    files = sorted(p for p in PEERS.rglob("*") if p.is_file() and p.suffix not in SKIP)
    files = [p for p in files if p.name not in ("README", "SOURCE.md")]
    tally: Counter[str] = Counter()
    opts = ImportOptions(add_labels=True, duplicates="layer")
    for path in files:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            with Project.create(work / "a", name="a", annotator="x") as first:
                (result,) = import_paths(first, [path], opts)
                if not result.ok:
                    tally["refused"] += 1
                    if args.verbose:
                        print(f"refused     {path.relative_to(PEERS)}: {result.error}")
                    continue
                tally["imported"] += 1
                fmt = EXPORT_AS[detect_format(path)]
                out = work / ("out" if fmt == "brat" else f"out.{fmt}")
                export_project(first, fmt, out, nested=True, include_suggestions=True)
                before = contents(first)
            with Project.create(work / "b", name="b", annotator="x") as second:
                back = [out] if fmt != "brat" else sorted(out.glob("*.txt"))
                results = import_paths(second, back, ImportOptions(fmt=fmt, add_labels=True))
                same = all(r.ok for r in results) and contents(second) == before
            tally["round-tripped" if same else "changed"] += 1
            if args.verbose:
                print(f"{'exact' if same else 'changed':<11} {path.relative_to(PEERS)}")
    print(
        f"{len(files)} peer files: {tally['imported']} imported "
        f"({tally['refused']} refused with a reason), "
        f"{tally['round-tripped']} round-tripped exactly, {tally['changed']} changed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
