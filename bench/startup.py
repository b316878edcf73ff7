"""Startup time: from launching the app to the editor's first paint, on the sample project.

Each run is a fresh Python process (``QT_QPA_PLATFORM=offscreen``) started on
the sample project with a prepared user profile, so no first-run dialog shows.
The child reports the monotonic clock when the editor's viewport has painted
(a zero-delay timer after the first Paint event, so the paint is finished);
the parent subtracts the moment it launched the process. One untimed run warms
the disk cache and writes the compiled translations; the median of the
following runs is printed.

    python bench/startup.py [--runs 10] [--language ar|en]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.5

CHILD = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from PySide6 import QtCore, QtWidgets

class Watch(QtCore.QObject):
    done = False
    def eventFilter(self, obj, event):
        if (not self.done and event.type() == QtCore.QEvent.Type.Paint
                and obj.parent() is not None and obj.parent().objectName() == "editor"):
            self.done = True
            QtCore.QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print("PAINTED", time.monotonic(), flush=True)
        os._exit(0)

app = QtWidgets.QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
from main import main
sys.exit(main([]))
"""


def run_once(env: dict[str, str]) -> float:
    """Seconds from launching a fresh process to the editor's first paint."""
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("PAINTED"):
            return float(line.split()[1]) - start
    raise RuntimeError(f"the app did not paint:\n{out.stdout}\n{out.stderr}")


def main() -> int:
    """Print the median startup time over warm runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--language", choices=("ar", "en"), default="ar")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tawsim-bench-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        (data / "config.json").write_text(
            json.dumps({"annotator": "bench", "language": args.language, "first_run_done": True}),
            encoding="utf-8",
        )
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            TAWSIM_DATA_DIR=str(data),
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),
            XDG_CACHE_HOME=str(Path(tmp) / "cache"),
        )
        run_once(env)  # warm-up: creates the sample project and the .qm files
        times = [run_once(env) for _ in range(args.runs)]
    median = statistics.median(times)
    print(
        f"startup to a painted editor (sample project, {args.language} interface, offscreen): "
        f"median {median:.2f} s over {len(times)} warm runs "
        f"(min {min(times):.2f}, max {max(times):.2f}); target <= {TARGET_S} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
