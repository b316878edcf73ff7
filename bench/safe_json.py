"""What the safe JSON checks cost when a store file is read.

    python bench/safe_json.py [--runs 20]

Times plain json.loads against core.safeio.loads (the same parse plus one
pass that refuses deep nesting, huge integers, non-finite numbers and lone
surrogates) on a 5,000-span layer and on the document index of a project of
10,000 documents. Prints medians in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import safeio  # noqa: E402


def layer_text(spans: int) -> str:
    """A layer file of that many spans, as the store writes it."""
    rows = {
        str(i): {
            "start": i * 10,
            "end": i * 10 + 5,
            "label": "LOC",
            "annotator": "ali",
            "status": "accepted",
            "origin": "manual",
            "score": 0.5,
            "created": 1764633000.123,
            "updated": 1764633000.123,
        }
        for i in range(1, spans + 1)
    }
    return json.dumps({"spans": rows, "state": {"1": {"status": "done", "updated": 1.0}}})


def index_text(docs: int) -> str:
    """A project file with that many documents in its index."""
    rows = {
        str(i): {
            "id": f"{i:016x}",
            "title": "عنوان الوثيقة",
            "imported": 1764633000.123,
            "meta": {"source_file": f"f{i}.txt", "line": i},
            "length": 3500,
        }
        for i in range(1, docs + 1)
    }
    return json.dumps({"meta": {"1": {"name": "p"}}, "documents": rows}, ensure_ascii=False)


def median_ms(fn: Any, runs: int) -> float:
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    for name, text in (
        ("5,000-span layer", layer_text(5000)),
        ("10,000-document index", index_text(10000)),
    ):
        plain = median_ms(lambda t=text: json.loads(t), args.runs)
        safe = median_ms(lambda t=text: safeio.loads(t, "f.json"), args.runs)
        print(f"{name} ({len(text) / 1e6:.1f} MB): json.loads {plain:.1f} ms, safe {safe:.1f} ms")


if __name__ == "__main__":
    main()
