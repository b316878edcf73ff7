"""kill -9 at each step of a journal compaction, and in the middle of imports (index shards)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.model import Span
from core.store import Project, journal

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "core" / "journal_crash_child.py"
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
TEXT = " ".join(f"جملة رقم {i} عن دمشق وبغداد" for i in range(200))


@pytest.mark.parametrize(
    "step", ["before_backup", "before_rename", "after_rename", "before_unlink", "after_unlink"]
)
def test_a_kill_during_compaction_leaves_one_consistent_layer(tmp_path: Path, step: str) -> None:
    folder = tmp_path / "p"
    with Project.create(folder, name="c", annotator="ali") as project:
        doc = project.add_document("t", TEXT, {})
        project.layer(doc).add_many(Span(i * 30, i * 30 + 4, "LOC", "ali") for i in range(100))
    proc = subprocess.run(
        [sys.executable, str(CHILD), "compact", str(folder), doc, step],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1  # it died in the compaction
    printed = json.loads(lines[0])
    expected = [tuple(s) for s in printed["state"]]
    jpath = journal.journal_path(folder / "layers" / "ali" / f"{doc}.json")
    if step in ("after_rename", "before_unlink"):
        assert jpath.exists()  # the new layer and the old journal, both on disk
    with Project.open(folder, annotator="ali") as project:
        assert not project.warnings, project.warnings
        layer = project.layer(doc)
        assert [(s.id, s.start, s.end, s.label) for s in layer.spans()] == expected
        # A change after the crash: the old journal must never be replayed over it.
        layer.remove(printed["added"])
        expected = [s for s in expected if s[0] != printed["added"]]
    assert not jpath.exists()
    with Project.open(folder, annotator="ali") as project:
        assert not project.warnings
        spans = project.layer(doc).spans()
        assert [(s.id, s.start, s.end, s.label) for s in spans] == expected


def test_a_kill_mid_import_leaves_a_consistent_index(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    Project.create(folder, name="i", annotator="ali").close()
    rng = random.Random(16)
    acknowledged: set[str] = set()
    for round_no in range(8):
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), "import", str(folder), str(round_no)],
            stdout=subprocess.PIPE,
            text=True,
            env=ENV,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        assert json.loads(proc.stdout.readline()) == {"ready": True}
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for line in proc.stdout.read().splitlines():
            acknowledged.update(json.loads(line))
        proc.stdout.close()
        with Project.open(folder, annotator="ali") as project:
            assert not project.warnings, project.warnings
            ids = set(project.doc_ids())
            assert acknowledged <= ids  # no returned add is lost
            assert len(ids - acknowledged) <= 8  # at most the add in flight
            for doc_id in ids:
                assert project.text(doc_id)  # every indexed document has its text
            acknowledged = ids
    assert len(acknowledged) > 8
    with Project.open(folder, annotator="ali", read_only=True) as project:
        assert set(project.doc_ids()) == acknowledged
