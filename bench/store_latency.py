"""Median time to save one span change, in a small and a large project.

    python bench/store_latency.py [--docs 10 10000] [--saves 200]

Generates projects of N documents of about 3.5 KB of Arabic text each (words
drawn from the sample article), then times single span saves (add, relabel,
remove, each a durable atomic write) on random documents. Prints medians and
the ratio large/small.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.model import Span  # noqa: E402
from core.settings import sample_text_path  # noqa: E402
from core.store import Project  # noqa: E402


def make_texts(count: int, size: int, rng: random.Random) -> list[str]:
    """count pseudo-articles of about size characters each."""
    words = sample_text_path().read_text(encoding="utf-8").split()
    texts = []
    for i in range(count):
        parts: list[str] = [f"وثيقة {i}"]
        length = 0
        while length < size:
            word = rng.choice(words)
            parts.append(word)
            length += len(word) + 1
        texts.append(" ".join(parts))
    return texts


def bench(docs: int, saves: int, folder: Path, rng: random.Random) -> tuple[float, float]:
    """Build a project of docs documents; return (build seconds, median save ms)."""
    started = time.perf_counter()
    with Project.create(folder, name=f"bench-{docs}", annotator="bench") as project:
        texts = make_texts(docs, 3500, rng)
        with project.batch():
            project.add_documents((f"doc {i}", t, {}) for i, t in enumerate(texts))
    build = time.perf_counter() - started
    times: list[float] = []
    with Project.open(folder, annotator="bench") as project:
        ids = [d.id for d in project.documents()]
        # Give every touched layer a realistic number of spans first.
        for _ in range(saves):
            doc = rng.choice(ids)
            layer = project.layer(doc)
            length = project.document(doc).length
            if not layer.spans():
                layer.add_many(
                    Span(s, s + 5, "LOC", "bench", status="suggested", origin="bench@1")
                    for s in range(0, length - 5, 60)
                )
            spans = layer.spans()
            op = rng.random()
            t0 = time.perf_counter()
            if op < 0.5:
                start = rng.randrange(length - 10)
                layer.add(Span(start, start + 7, "PERS", "bench"))
            elif op < 0.8:
                layer.put(rng.choice(spans).evolve(status="accepted", label="ORG"))
            else:
                layer.remove(rng.choice(spans).id)
            times.append(time.perf_counter() - t0)
    return build, statistics.median(times) * 1000


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10, 10000])
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(42)
    medians = []
    with tempfile.TemporaryDirectory(prefix="tawsim-bench-") as tmp:
        for docs in args.docs:
            build, median = bench(docs, args.saves, Path(tmp) / f"p{docs}", rng)
            medians.append(median)
            print(
                f"{docs:>6} documents: median save {median:6.2f} ms "
                f"over {args.saves} saves (project built in {build:.1f} s)"
            )
    if len(medians) >= 2:
        print(f"ratio {args.docs[-1]} / {args.docs[0]} documents: {medians[-1] / medians[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
