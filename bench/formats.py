"""Import and export speed and peak memory.

    python bench/formats.py [--docs 10000] [--runs 3]

1. Import N plain-text documents of about 3.5 KB each (one file each).
2. Export them as CoNLL (whitespace tokens).
3. Import ANERcorp's training file (../shared/data/anercorp/train.conll), if present.

Each phase runs in a fresh subprocess so that its peak resident memory is its
own; the figures are medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ANERCORP = ROOT.parent / "shared" / "data" / "anercorp" / "train.conll"


def phase(name: str, work: str, project: str) -> None:
    """Run one phase in this process and print its time and peak memory as JSON."""
    from core.formats.project_io import ImportOptions, export_project, import_paths
    from core.store import Project

    started = time.perf_counter()
    if name == "import":
        with Project.create(project, name="bench", annotator="bench") as proj:
            results = import_paths(proj, [Path(work)], ImportOptions())
            assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
            count = len(proj)
    elif name == "export":
        with Project.open(project, annotator="bench", read_only=True) as proj:
            report = export_project(proj, "conll", Path(work) / "out.conll")
            count = report.documents
    else:
        with Project.create(project, name="anercorp", annotator="bench") as proj:
            (result,) = import_paths(proj, [Path(work)], ImportOptions())
            assert result.ok, result.error
            count = result.spans
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "count": count}))


def run_phase(name: str, work: Path, project: Path) -> dict[str, float]:
    """Run a phase in a subprocess and return its figures."""
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, str(work), str(project)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def make_files(folder: Path, count: int) -> None:
    """count text files of about 3.5 KB of Arabic built from the sample article's words."""
    words = (ROOT / "resources" / "samples").glob("*.txt").__next__().read_text("utf-8").split()
    rng = random.Random(7)
    folder.mkdir(parents=True)
    for i in range(count):
        parts = [f"وثيقة رقم {i}\n"]
        size = 0
        while size < 3500:
            word = rng.choice(words)
            parts.append(word)
            size += len(word.encode("utf-8")) + 1
        (folder / f"doc{i:05}.txt").write_text(" ".join(parts), encoding="utf-8")


def main() -> int:
    """Run the phases and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phase", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(*args.phase)
        return 0
    figures: dict[str, list[dict[str, float]]] = {"import": [], "export": [], "anercorp": []}
    with tempfile.TemporaryDirectory(prefix="tawsim-bench-") as tmp:
        files = Path(tmp) / "files"
        make_files(files, args.docs)
        for run in range(args.runs):
            project = Path(tmp) / f"p{run}"
            figures["import"].append(run_phase("import", files, project))
            figures["export"].append(run_phase("export", Path(tmp), project))
            shutil.rmtree(project)
            if ANERCORP.exists():
                figures["anercorp"].append(run_phase("anercorp", ANERCORP, project))
                shutil.rmtree(project)
    labels = {
        "import": f"import {args.docs} text files (~3.5 KB)",
        "export": f"export {args.docs} documents as CoNLL",
        "anercorp": "import ANERcorp train.conll",
    }
    for key, runs in figures.items():
        if not runs:
            print(f"{labels[key]}: skipped (no ../shared)")
            continue
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = statistics.median(r["peak_mb"] for r in runs)
        print(
            f"{labels[key]}: median {seconds:.2f} s, peak memory {peak:.0f} MB ({len(runs)} runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
