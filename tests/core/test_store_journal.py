"""Layer journals: appends replay to the state written directly, compaction, untrusted journals."""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from core.errors import StoreError
from core.model import Span
from core.store import Project, journal
from core.store.disk import DiskMonitor
from core.store.journal import journal_path
from core.store.summaries import file_stamp, scan_folder

TEXT = " ".join(f"سطر رقم {i} في نص طويل عن سوريا والعراق ولبنان" for i in range(400))


@pytest.fixture
def journaled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every layer write goes to the journal (the small test layers are under the threshold)."""
    monkeypatch.setattr(journal, "MIN_LAYER_BYTES", 0)
    monkeypatch.setattr(journal, "COMPACT_RATIO", 1)
    # The journal may grow up to the layer's size: a small layer still journals a few writes.


def _project(tmp_path: Path, name: str = "p") -> tuple[Project, str]:
    project = Project.create(tmp_path / name, name="j", annotator="ali")
    doc = project.add_document("t", TEXT, {})
    # A layer large enough that appends fit under the compaction threshold.
    project.layer(doc).add_many(Span(i * 50, i * 50 + 4, "LOC", "ali") for i in range(200))
    return project, doc


def _state(project: Project, doc: str, annotator: str = "ali") -> tuple[str, list[Any]]:
    layer = project.layer(doc, annotator)
    return (layer.status, [(s.id, s.start, s.end, s.label, s.status) for s in layer.spans()])


def _random_edits(project: Project, doc: str, rng: random.Random, n: int) -> None:
    layer = project.layer(doc)
    for _ in range(n):
        spans = layer.spans()
        roll = rng.random()
        if roll < 0.3 and spans:
            layer.remove(rng.choice(spans).id)
        elif roll < 0.6 and spans:
            layer.put(rng.choice(spans).evolve(label=rng.choice(["PERS", "ORG", "LOC"])))
        elif roll < 0.7:
            layer.set_status(rng.choice(["in_progress", "done"]))
        else:
            start = rng.randrange(len(TEXT) - 10)
            layer.add(Span(start, start + rng.randint(1, 6), "MISC", "ali"))


def test_replay_equals_the_state_written_directly(tmp_path: Path, journaled: None) -> None:
    project, doc = _project(tmp_path)
    layer_file = project.layer(doc).path
    before = layer_file.read_bytes()
    _random_edits(project, doc, random.Random(7), 60)
    expected = _state(project, doc)
    assert journal_path(layer_file).exists()
    # Appends never touched the layer file (unless a compaction ran).
    compacted = layer_file.read_bytes() != before
    # A second copy of the folder as it is now (journal and all) reads the same state.
    shutil.copytree(tmp_path / "p", tmp_path / "copy", ignore=shutil.ignore_patterns("*.lock"))
    with Project.open(tmp_path / "copy", annotator="ali", read_only=True) as copy:
        assert not copy.warnings
        assert _state(copy, doc) == expected
    project.close()  # compacts
    assert not journal_path(layer_file).exists()
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert _state(again, doc) == expected
    # The same edits made with every write a whole file give the same state.
    journal.MIN_LAYER_BYTES = 1 << 40
    direct, doc2 = _project(tmp_path, "direct")
    with direct:
        _random_edits(direct, doc2, random.Random(7), 60)
        assert _state(direct, doc2) == expected
        assert not journal_path(direct.layer(doc2).path).exists()
    assert compacted or layer_file.read_bytes() != before


def test_a_large_layer_journals_without_the_threshold_patched(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p", name="j", annotator="ali")
    with project:
        doc = project.add_document("t", TEXT, {})
        layer = project.layer(doc)
        layer.add_many(Span(i * 25, i * 25 + 3, "LOC", "ali") for i in range(600))
        assert layer.path.stat().st_size >= journal.MIN_LAYER_BYTES
        before = layer.path.read_bytes()
        span = layer.spans()[10]
        layer.put(span.evolve(label="PERS"))
        assert layer.path.read_bytes() == before  # one appended record, no rewrite
        jpath = journal_path(layer.path)
        lines = jpath.read_bytes().splitlines()
        assert len(lines) == 2 and json.loads(lines[1])["set"]["spans"][str(span.id)]
    assert not jpath.exists()
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert again.layer(doc).get(span.id).label == "PERS"  # type: ignore[union-attr]


def test_the_journal_is_compacted_past_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "MIN_LAYER_BYTES", 0)
    monkeypatch.setattr(journal, "COMPACT_RATIO", 20)
    project, doc = _project(tmp_path)
    with project:
        layer = project.layer(doc)
        jpath = journal_path(layer.path)
        sizes = []
        for i in range(40):
            layer.put(layer.spans()[i].evolve(label="ORG"))
            sizes.append(jpath.stat().st_size if jpath.exists() else 0)
        limit = layer.path.stat().st_size // 20
        assert max(sizes) <= limit + 1024
        assert 0 in sizes[1:]  # compacted at least once on the way
        expected = _state(project, doc)
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert _state(again, doc) == expected


def test_a_torn_last_record_is_dropped(tmp_path: Path, journaled: None) -> None:
    project, doc = _project(tmp_path)
    layer = project.layer(doc)
    layer.put(layer.spans()[0].evolve(label="PERS"))
    expected = _state(project, doc)
    jpath = journal_path(layer.path)
    saved = jpath.read_bytes()
    project._lock.release()  # the process "died": nothing compacted, lock gone
    record = b'{"seq":2,"set":{"spans":{"1":{"start":0,"end":4,"label":"ORG"'
    jpath.write_bytes(saved + record)  # kill -9 mid-append: no newline
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert not again.warnings
        assert _state(again, doc) == expected
        # The next append first cuts the torn bytes off.
        layer = again.layer(doc)
        layer.put(layer.spans()[1].evolve(label="ORG"))
        lines = jpath.read_bytes().split(b"\n")
        assert lines[-1] == b"" and [json.loads(x)["seq"] for x in lines[1:-1]] == [1, 2]
        expected = _state(again, doc)
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert _state(again, doc) == expected


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (b"{not json", "3:"),
        (b'{"seq": 7, "set": {}, "del": {}}', "record number 7"),
        (
            b'{"seq": 2, "set": {"spans": {"1": {"start": 0, "end": 99999, "label": "LOC",'
            b' "annotator": "ali"}}}, "del": {}}',
            "outside the text",
        ),
        (
            b'{"seq": 2, "set": {"spans": {"1": {"start": 0, "end": 3, "label": "LOC",'
            b' "annotator": "sara"}}}, "del": {}}',
            "'sara'",
        ),
        (b'{"seq": 2, "set": {"journal": {"1": {}}}, "del": {}}', "cannot be written"),
        (b'{"seq": 2, "set": {"state": {"1": {"status": "bogus"}}}, "del": {}}', "status"),
    ],
)
def test_a_bad_record_names_file_and_line_and_the_layer_is_read_only(
    tmp_path: Path, journaled: None, record: bytes, reason: str
) -> None:
    project, doc = _project(tmp_path)
    layer = project.layer(doc)
    layer.put(layer.spans()[0].evolve(label="PERS"))
    expected = _state(project, doc)
    jpath = journal_path(layer.path)
    good = layer.spans()[1].evolve(label="ORG")
    tail = json.dumps({"seq": 3, "set": {"spans": {str(good.id): good.to_json()}}, "del": {}})
    project._lock.release()
    with jpath.open("ab") as handle:
        handle.write(record + b"\n" + tail.encode() + b"\n")
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert _state(again, doc) == expected  # what the records before the bad one give
        warning = again.layer(doc).warning
        assert warning and f"{jpath}:3:" in warning and reason in warning
        assert warning in again.warnings
        with pytest.raises(StoreError, match="read-only"):
            again.layer(doc).add(Span(0, 3, "LOC", "ali"))
        # Closing never compacts a refused journal away.
    assert jpath.read_bytes().endswith(tail.encode() + b"\n")


def test_a_journal_of_another_version_of_the_layer_is_refused(
    tmp_path: Path, journaled: None
) -> None:
    project, doc = _project(tmp_path)
    layer = project.layer(doc)
    folded = layer.path.read_bytes()
    layer.put(layer.spans()[0].evolve(label="PERS"))
    project.close()  # compacted: the layer file changed
    jpath = journal_path(layer.path)
    # The journal just folded in, left over (a crash before its removal): recognised, ignored.
    header = {"tawsim_journal": 1, "base": journal.digest(folded), "layer": layer.path.name}
    record = {"seq": 1, "set": {}, "del": {"spans": ["1"]}}
    jpath.write_text(json.dumps(header) + "\n" + json.dumps(record) + "\n")
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert not again.warnings
        assert _state(again, doc)[1][0][3] == "PERS"
        # The next change starts a journal of its own (from record 1), never appended to it.
        again.layer(doc).put(again.layer(doc).spans()[1].evolve(label="ORG"))
        lines = jpath.read_text().splitlines()
        assert json.loads(lines[0])["base"] != header["base"]
        assert [json.loads(x)["seq"] for x in lines[1:]] == [1]
        expected = _state(again, doc)
        again._layers.clear()  # killed: the new journal stays
        again._lock.release()
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert not again.warnings
        assert _state(again, doc) == expected
    jpath.unlink(missing_ok=True)
    # A journal written against some other version of the file (a git checkout, a copy).
    header["base"] = journal.digest(b"another version")
    jpath.write_text(json.dumps(header) + "\n" + json.dumps(record) + "\n")
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert _state(again, doc)[1][0][3] == "PERS"
        assert any("another version" in w and str(jpath) in w for w in again.warnings)
        with pytest.raises(StoreError):
            again.layer(doc).set_status("done")
    # A journal that is not a journal at all is refused the same way, with its line.
    jpath.write_text('{"hello": 1}\n')
    with Project.open(tmp_path / "p", annotator="ali") as again:
        again.layer(doc).spans()
        assert any(f"{jpath}:1: not a Tawsim journal" in w for w in again.warnings)


def test_a_journal_without_its_layer_file_is_refused(tmp_path: Path, journaled: None) -> None:
    project, doc = _project(tmp_path)
    layer = project.layer(doc)
    layer.put(layer.spans()[0].evolve(label="PERS"))
    project._lock.release()
    layer.path.unlink()
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert again.layer(doc).spans() == []
        assert again.layer(doc).warning


def test_bundle_and_folder_merge_carry_an_uncompacted_journal(
    tmp_path: Path, journaled: None
) -> None:
    from core.share import bundle, merge

    project, doc = _project(tmp_path)
    project.close()
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    sara = Project.open(tmp_path / "q", annotator="sara")
    layer = sara.layer(doc)
    layer.add_many(Span(i * 60, i * 60 + 5, "ORG", "sara") for i in range(100))
    for span in layer.spans()[:5]:
        layer.put(span.evolve(label="PERS"))
    assert journal_path(layer.path).exists()
    expected = _state(sara, doc, "sara")
    assert bundle(sara, "sara", tmp_path / "sara.zip") == 1
    # The other copy, still open with its journal, read as a folder.
    with Project.open(tmp_path / "p", annotator="ali") as mine:
        report = merge(mine, tmp_path / "q")
        assert report.added == [("sara", doc)]
        assert _state(mine, doc, "sara") == expected
    sara.close()
    with Project.open(tmp_path / "p", annotator="ali") as mine:
        assert _state(mine, doc, "sara") == expected
        assert merge(mine, tmp_path / "sara.zip").unchanged == 1
    shutil.rmtree(tmp_path / "p" / "layers" / "sara")
    with Project.open(tmp_path / "p", annotator="ali") as mine:
        assert merge(mine, tmp_path / "sara.zip").added == [("sara", doc)]
        assert _state(mine, doc, "sara") == expected


def test_a_merge_over_a_journaled_layer_folds_it_first(tmp_path: Path, journaled: None) -> None:
    from core.share import merge

    project, doc = _project(tmp_path)
    project.close()
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    mine = Project.open(tmp_path / "p", annotator="sara")
    layer = mine.layer(doc, "ali")
    layer.put(layer.spans()[0].evolve(label="PERS"))
    assert journal_path(layer.path).exists()
    with Project.open(tmp_path / "q", annotator="sara") as other:  # a newer version
        theirs = other.layer(doc, "ali")
        theirs.put(theirs.spans()[3].evolve(label="ORG"))
        expected = _state(other, doc, "ali")
    report = merge(mine, tmp_path / "q")
    assert report.updated == [("ali", doc)]
    assert not journal_path(layer.path).exists()
    assert _state(mine, doc, "ali") == expected
    mine.close()
    with Project.open(tmp_path / "p", annotator="sara") as again:
        assert not again.warnings
        assert _state(again, doc, "ali") == expected


def test_summaries_see_a_journal_append(tmp_path: Path, journaled: None) -> None:
    project, doc = _project(tmp_path)
    path = project.layer(doc).path
    project.close()
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert again.summary(doc).accepted == 200  # cached at close
    stamp = file_stamp(path)
    assert scan_folder(path.parent)[doc] == stamp
    writer = Project.open(tmp_path / "p", annotator="ali")
    layer = writer.layer(doc)
    layer.put(layer.spans()[0].evolve(status="rejected"))
    assert file_stamp(path) != stamp  # the layer file itself is unchanged
    assert scan_folder(path.parent)[doc] == file_stamp(path)
    writer._lock.release()  # killed before closing: the journal stays
    with Project.open(tmp_path / "p", annotator="ali") as again:
        assert again.summary(doc).accepted == 199
        assert again.summary(doc).rejected == 1


def test_the_disk_monitor_sees_another_copy_append(tmp_path: Path, journaled: None) -> None:
    project, doc = _project(tmp_path)
    with project:
        monitor = DiskMonitor(project)
        layer = project.layer(doc)
        layer.put(layer.spans()[0].evolve(label="PERS"))
        assert journal_path(layer.path).exists()
        assert monitor.poll().empty  # its own append
        other = Project.open(tmp_path / "p", annotator="ali", read_only=True)
        other.read_only = False  # another process writing the same folder
        theirs = other.layer(doc)
        theirs.put(theirs.spans()[1].evolve(label="ORG"))
        change = monitor.poll()
        lc = change.layer(doc, "ali")
        assert lc is not None and [new.label for _, new in lc.changed] == ["ORG"]
        assert project.layer(doc).spans()[1].label == "ORG"
        assert monitor.poll().empty
        theirs.put(theirs.spans()[2].evolve(label="ORG"))  # a second append: same folder time
        lc = monitor.poll().layer(doc, "ali")
        assert lc is not None and len(lc.changed) == 1
        # The folder's time old enough to be trusted: only the journaled layer is looked at.
        old = time.time() - 60
        os.utime(layer.path.parent, (old, old))
        assert monitor.poll().empty
        theirs.put(theirs.spans()[3].evolve(label="PERS"))
        assert os.stat(layer.path.parent).st_mtime == pytest.approx(old)
        lc = monitor.poll().layer(doc, "ali")
        assert lc is not None and [new.label for _, new in lc.changed] == ["PERS"]
        assert monitor.poll().empty
        other._layers.clear()  # it "dies" without compacting
        other._lock.release()


def test_removing_a_document_removes_its_journal(tmp_path: Path, journaled: None) -> None:
    project, doc = _project(tmp_path)
    with project:
        layer = project.layer(doc)
        layer.put(layer.spans()[0].evolve(label="PERS"))
        jpath = journal_path(layer.path)
        project._layers.clear()  # as if the layer were never loaded: no compaction
        assert jpath.exists()
        project.remove_documents([doc])
        assert not jpath.exists()


def test_a_journal_left_by_a_killed_process_is_folded_at_the_next_close(
    tmp_path: Path, journaled: None
) -> None:
    from core.share import merge

    project, doc = _project(tmp_path)
    project.close()
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    killed = Project.open(tmp_path / "p", annotator="sara")
    layer = killed.layer(doc, "ali")
    layer.put(layer.spans()[0].evolve(label="PERS"))
    expected = _state(killed, doc, "ali")
    killed._layers.clear()  # killed: nothing closed, the journal stays
    killed._lock.release()
    jpath = journal_path(layer.path)
    with Project.open(tmp_path / "p", annotator="sara") as again:
        again.layer(doc, "ali").compact()  # never loaded in this process: read, then folded
        assert not jpath.exists()
        assert _state(again, doc, "ali") == expected
    # A merge over a layer whose journal was never loaded folds it before writing.
    killed = Project.open(tmp_path / "p", annotator="sara")
    layer = killed.layer(doc, "ali")
    layer.put(layer.spans()[0].evolve(label="MISC"))
    killed._layers.clear()
    killed._lock.release()
    with Project.open(tmp_path / "q", annotator="sara") as other:  # the other copy is newer
        theirs = other.layer(doc, "ali")
        theirs.put(theirs.spans()[4].evolve(label="ORG"))
        newer = _state(other, doc, "ali")
    with Project.open(tmp_path / "p", annotator="sara") as mine:
        assert merge(mine, tmp_path / "q").updated == [("ali", doc)]
        assert not jpath.exists()
        assert _state(mine, doc, "ali") == newer
    with Project.open(tmp_path / "p", annotator="sara") as mine:
        assert not mine.warnings
        assert _state(mine, doc, "ali") == newer
