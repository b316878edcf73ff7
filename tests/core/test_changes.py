"""Every write through Project returns a Change; the disk monitor tells outside writes apart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from core.changes import Change, LayerChange, combine
from core.model import Span, default_labelset
from core.store import Project
from core.store.disk import DiskMonitor


def _project(tmp_path: Path) -> tuple[Project, str]:
    project = Project.create(tmp_path / "p", name="p", annotator="ali")
    doc = project.add_document("t", "زار الرئيس مدينة حلب أمس", {})
    return project, doc


def test_edit_spans_returns_what_it_stored(tmp_path: Path) -> None:
    project, doc = _project(tmp_path)
    with project:
        change = project.edit_spans(doc, put=[Span(17, 20, "LOC", "ali", origin="manual")])
        lc = change.layer(doc, "ali")
        assert change.source == "edit" and lc is not None
        assert [s.id for s in lc.added] == [1] and lc.written == lc.added
        assert lc.status == ("new", "in_progress")
        span = lc.added[0]
        change = project.edit_spans(doc, put=[span.evolve(label="ORG")])
        lc = change.layer(doc, "ali")
        assert lc is not None and [(a.label, b.label) for a, b in lc.changed] == [("LOC", "ORG")]
        assert lc.status is None
        change = project.edit_spans(doc, remove=[span.id], status="done")
        lc = change.layer(doc, "ali")
        assert lc is not None and [s.id for s in lc.removed] == [1]
        assert lc.status == ("in_progress", "done")
        assert project.layer(doc).spans() == [] and project.summary(doc).status == "done"
        assert project.edit_spans(doc, remove=[99]).empty


def test_one_user_action_is_one_write(tmp_path: Path) -> None:
    project, doc = _project(tmp_path)
    with project:
        first = project.edit_spans(doc, put=[Span(0, 3, "LOC", "ali", status="suggested")])
        old = first.layers[0].added[0]
        path = tmp_path / "p" / "layers" / "ali" / f"{doc}.json"
        before = path.stat().st_mtime_ns
        change = project.edit_spans(
            doc, put=[Span(17, 20, "LOC", "ali")], remove=[old.id], status="done"
        )
        lc = change.layer(doc, "ali")
        assert lc is not None and len(lc.added) == 1 and len(lc.removed) == 1 and lc.status
        assert path.stat().st_mtime_ns >= before
        data = json.loads(path.read_text(encoding="utf-8"))
        assert list(data["spans"]) == ["2"] and data["state"]["1"]["status"] == "done"


def test_recording_collects_an_import_into_one_change(tmp_path: Path) -> None:
    project, doc = _project(tmp_path)
    with project:
        with project.recording("import") as rec:
            new = project.add_document("u", "نص آخر", {})
            project.layer(new).add(Span(0, 2, "LOC", "ali"))
            project.layer(doc, "sara").add(Span(0, 3, "PERS", "sara"))
            project.layer(doc, "sara").add(Span(4, 10, "PERS", "sara"))
        change = rec.change
        assert change.source == "import" and change.documents_added == (new,)
        assert {lc.key for lc in change.layers} == {(new, "ali"), (doc, "sara")}
        sara = change.layer(doc, "sara")
        assert sara is not None and len(sara.added) == 2
        assert change.touches(doc) and change.touches(doc, "sara")
        assert not change.touches(doc, "ali")


def test_label_set_changes_are_flagged(tmp_path: Path) -> None:
    project, _doc = _project(tmp_path)
    with project:
        change = project.set_labels(project.labels.with_label("EVENT", en="Event", ar="حدث"))
        assert change.labels and not change.empty and "EVENT" in project.labels
        assert project.set_labels(default_labelset()).labels


def test_then_nets_out_a_span_added_and_removed() -> None:
    a = Span(0, 3, "LOC", "ali", id=1)
    b = a.evolve(label="ORG")
    add = LayerChange("d", "ali", added=(a,))
    change = LayerChange("d", "ali", changed=((a, b),))
    remove = LayerChange("d", "ali", removed=(b,))
    assert add.then(change).added == (b,)
    assert add.then(change).then(remove).empty
    assert change.then(remove).removed == (a,)
    assert combine("edit", [Change("edit", layers=(add,)), remove]).empty


def test_the_monitor_ignores_own_writes_and_sees_another_process(tmp_path: Path) -> None:
    project, doc = _project(tmp_path)
    with project:
        monitor = DiskMonitor(project)
        project.edit_spans(doc, put=[Span(17, 20, "LOC", "ali")])
        project.layer(doc, "gold").add(Span(17, 20, "LOC", "gold"))
        project.set_labels(project.labels.with_label("EVENT", en="Event", ar="حدث"))
        project.add_document("u", "نص آخر", {})
        assert monitor.poll().empty  # all of that was the project's own doing
        sara = project.layer(doc, "sara")
        assert sara.spans() == []
        # Another process writes sara's layer, as a git pull or a synced folder would.
        script = (
            "import sys\n"
            "from core.store import Project\n"
            "from core.model import Span\n"
            "p = Project.open(sys.argv[1], annotator='sara', read_only=True)\n"
            "p.read_only = False\n"
            "p.layer(sys.argv[2]).add(Span(0, 3, 'PERS', 'sara'))\n"
        )
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "p"), doc],
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        change = monitor.poll()
        assert change.source == "disk"
        lc = change.layer(doc, "sara")
        assert lc is not None and [s.label for s in lc.added] == ["PERS"]
        assert [s.label for s in project.layer(doc, "sara").spans()] == ["PERS"]
        assert project.summary(doc, "sara").accepted == 1
        assert monitor.poll().empty


def test_a_merge_is_one_change_and_its_writes_are_own(tmp_path: Path) -> None:
    import shutil

    from core.share import bundle, merge

    project, doc = _project(tmp_path)
    project.close()
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    with Project.open(tmp_path / "q", annotator="sara") as other:
        other.edit_spans(doc, put=[Span(17, 20, "LOC", "sara")])
        bundle(other, "sara", tmp_path / "sara.zip")
    with Project.open(tmp_path / "p", annotator="ali") as mine:
        monitor = DiskMonitor(mine)
        steps: list[tuple[int, int]] = []
        with mine.recording("merge") as rec:
            merge(mine, tmp_path / "sara.zip", progress=lambda d, t: steps.append((d, t)))
        change = rec.change
        assert change.source == "merge" and change.layer(doc, "sara") is not None
        assert steps and steps[-1][0] == steps[-1][1]
        assert monitor.poll().empty  # the merge's own writes are not outside changes
