"""Team figures: agreement over many documents, and merging a large bundle.

    python bench/teams.py [--docs 1000] [--annotators 3] [--runs 3]

Builds a project of N documents of about 3.5 KB with spans for each
annotator (80 % shared, the rest each annotator's own), then times
project_agreement() and merging one annotator's bundle into a copy that
lacks it. Prints medians.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.store_latency import make_texts  # noqa: E402
from core.agreement import project_agreement  # noqa: E402
from core.model import Span  # noqa: E402
from core.share import bundle, merge  # noqa: E402
from core.store import Project  # noqa: E402


def build(folder: Path, docs: int, annotators: list[str], rng: random.Random) -> None:
    """A project where each annotator labelled every document."""
    with Project.create(folder, name="teams", annotator=annotators[0]) as project:
        texts = make_texts(docs, 3500, rng)
        with project.batch():
            ids = [
                i
                for i, _ in project.add_documents((f"doc {n}", t, {}) for n, t in enumerate(texts))
            ]
        labels = project.labels.names
        for doc_id, text in zip(ids, texts, strict=True):
            words = [(m, m + 5) for m in range(0, len(text) - 6, 97)]
            shared = [(s, e, rng.choice(labels)) for s, e in words]
            for who in annotators:
                spans = [
                    Span(s, e, lb if rng.random() < 0.8 else rng.choice(labels), who)
                    for s, e, lb in shared
                ]
                layer = project.layer(doc_id, who)
                layer.add_many(spans)
                layer.set_status("done")


def main() -> int:
    """Run and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    names = [f"annotator{i}" for i in range(1, args.annotators + 1)]
    agreement_times, merge_times = [], []
    with tempfile.TemporaryDirectory(prefix="tawsim-bench-") as tmp:
        folder = Path(tmp) / "full"
        build(folder, args.docs, names, random.Random(3))
        with Project.open(folder, read_only=True) as project:
            bundle(project, names[-1], Path(tmp) / "b.zip")
        for _ in range(args.runs):
            with Project.open(folder, read_only=True) as project:
                t0 = time.perf_counter()
                report = project_agreement(project)
                agreement_times.append(time.perf_counter() - t0)
            copy = Path(tmp) / "copy"
            shutil.copytree(folder, copy)
            shutil.rmtree(copy / "layers" / names[-1])
            with Project.open(copy, annotator=names[0]) as project:
                t0 = time.perf_counter()
                result = merge(project, Path(tmp) / "b.zip")
                merge_times.append(time.perf_counter() - t0)
                assert len(result.added) == args.docs
            shutil.rmtree(copy)
    print(
        f"agreement, {args.docs} documents x {args.annotators} annotators: "
        f"median {statistics.median(agreement_times):.2f} s (alpha {report.alpha:.3f})"
    )
    print(f"merge a bundle of {args.docs} layers: median {statistics.median(merge_times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
