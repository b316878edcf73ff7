"""Streaming export: the same bytes as the whole-list writers, flat memory, nothing left
behind by a cancelled or failed export."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from core.formats.base import ImportCancelled
from core.formats.conll import write_conll
from core.formats.project_io import export_project, project_records
from core.formats.standoff import (
    shared_labelstudio_names,
    write_brat_ann,
    write_jsonl,
    write_labelstudio,
)
from core.formats.webanno import write_webanno
from core.model import Span
from core.store import Project

TEXTS = [
    "زار إيمانويل ماكرون مدينة حلب أمس .\nوقال التحالف الدولي إنه انسحب .",
    "جامعة دمشق في سوريا .",
    "لا شيء هنا .",
    "نص منجز بلا كيانات .",
    "سافر محمد إلى بيروت ثم إلى عمان .",
]


def _at(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def _project(folder: Path) -> Project:
    """Five documents: flat, nested, suggested, rejected spans; one done; imported meta."""
    project = Project.create(folder, name="p", annotator="ali")
    metas = [
        {"format": "brat", "source_file": "orig/one.txt"},
        {"format": "labelstudio", "ls_names": ["ner", "txt"], "source_id": 7},
        {},
        {"format": "webanno", "source_file": "x.tsv"},
        {"format": "jsonl", "source_id": 42},
    ]
    with project.batch():
        ids = [
            i
            for i, _ in project.add_documents(
                (f"t{n}", text, meta)
                for n, (text, meta) in enumerate(zip(TEXTS, metas, strict=True))
            )
        ]
    t0, t1, t4 = TEXTS[0], TEXTS[1], TEXTS[4]
    project.edit_spans(
        ids[0],
        put=[
            Span(*_at(t0, "إيمانويل ماكرون"), "PERS", "ali"),
            Span(*_at(t0, "حلب"), "LOC", "ali"),
            Span(*_at(t0, "التحالف الدولي"), "ORG", "ali", "suggested", "crf", score=0.7),
        ],
    )
    project.edit_spans(
        ids[1],
        put=[
            Span(*_at(t1, "جامعة دمشق"), "ORG", "ali"),
            Span(*_at(t1, "دمشق"), "LOC", "ali"),
        ],
        status="in_progress",
    )
    project.edit_spans(ids[3], status="done")
    project.edit_spans(
        ids[4],
        put=[
            Span(*_at(t4, "محمد"), "PERS", "ali", "rejected", "crf", score=0.2),
            Span(*_at(t4, "بيروت"), "LOC", "ali", "suggested", "crf", score=0.9),
        ],
        status="done",
    )
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with _project(tmp_path / "p") as opened:
        yield opened


@pytest.mark.parametrize("suggestions", [False, True])
@pytest.mark.parametrize("status", ["any", "done"])
def test_single_file_exports_match_the_whole_list_writers(
    project: Project, tmp_path: Path, suggestions: bool, status: str
) -> None:
    """What the export streams is byte for byte what the writers make from a full list."""
    docs = project_records(project, status=status, include_suggestions=suggestions)
    expected = {
        "conll": write_conll(docs)[0],
        "conll-bioes": write_conll(docs, scheme="bioes")[0],
        "jsonl": write_jsonl(docs, include_suggestions=suggestions),
        "labelstudio": write_labelstudio(docs, include_suggestions=suggestions, model="tawsim"),
    }
    for fmt, text in expected.items():
        out = tmp_path / f"{fmt}-{status}-{suggestions}.out"
        report = export_project(project, fmt, out, status=status, include_suggestions=suggestions)
        assert out.read_text(encoding="utf-8") == text, fmt
        assert report.documents == len(docs)
        assert report.spans == sum(len(d.spans) for d in docs)


def test_labelstudio_stream_has_the_layout_of_one_json_dump(
    project: Project, tmp_path: Path
) -> None:
    """The task list is laid out as json.dumps(indent=1) of the whole list, empty or not."""
    out = tmp_path / "ls.json"
    export_project(project, "labelstudio", out, include_suggestions=True)
    text = out.read_text(encoding="utf-8")
    tasks = json.loads(text)
    assert len(tasks) == len(TEXTS)
    assert text == json.dumps(tasks, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    # One shared name pair for all tasks only when every task came from one LS project.
    names = {r["from_name"] for t in tasks for a in t["annotations"] for r in a["result"]}
    assert names == {shared_labelstudio_names(project_records(project))[0]} == {"label"}
    none = tmp_path / "none.json"
    export_project(project, "labelstudio", none, status="done", annotator="nobody")
    assert none.read_text(encoding="utf-8") == "[]\n"


def test_jsonl_of_no_documents_is_one_empty_line(project: Project, tmp_path: Path) -> None:
    """As before streaming: an export with nothing in it is a single newline."""
    out = tmp_path / "none.jsonl"
    report = export_project(project, "jsonl", out, status="done", annotator="nobody")
    assert report.documents == 0
    assert out.read_bytes() == b"\n"


def test_folder_exports_match_the_per_document_writers(project: Project, tmp_path: Path) -> None:
    """brat and WebAnno files hold what the writers give, under the same names as before."""
    docs = project_records(project)
    brat = tmp_path / "brat"
    report = export_project(project, "brat", brat)
    assert (brat / "one.txt").read_text(encoding="utf-8") == docs[0].text
    assert (brat / "one.ann").read_text(encoding="utf-8") == write_brat_ann(docs[0])[0]
    assert sorted(p.name for p in brat.iterdir()) == sorted(p.name for p in report.files)
    assert len(report.files) == 2 * len(docs) + 1
    conf = (brat / "annotation.conf").read_text(encoding="utf-8")
    assert "PERS\n" in conf and "LOC\n" in conf
    webanno = tmp_path / "webanno"
    export_project(project, "webanno", webanno)
    assert (webanno / "x.tsv").read_text(encoding="utf-8") == write_webanno(docs[3])[0]
    assert len(list(webanno.iterdir())) == len(docs)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("fmt", ["conll", "jsonl", "labelstudio", "brat", "webanno"])
def test_a_cancelled_export_leaves_nothing(project: Project, tmp_path: Path, fmt: str) -> None:
    """Cancelling after some documents were written removes the temporary file or folder."""
    out = tmp_path / "out" / "export"
    out.parent.mkdir()
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(ImportCancelled):
        export_project(project, fmt, out, cancelled=cancelled)
    assert list(out.parent.iterdir()) == []


def test_a_failed_export_keeps_the_old_file(project: Project, tmp_path: Path) -> None:
    """An error part-way leaves the previous export in place and no temporary file."""
    out = tmp_path / "old.conll"
    out.write_text("previous\n", encoding="utf-8")

    def progress(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        export_project(project, "conll", out, progress=progress)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "p"] == ["old.conll"]


def _peak_export(folder: Path, count: int, out: Path) -> int:
    """Peak traced memory of a JSONL export of count documents of ~3,000 characters."""
    with Project.create(folder, name="m", annotator="ali") as project:
        with project.batch():
            project.add_documents(
                (f"d{n}", f"{n} " + "كلمة عربية طويلة نوعا ما " * 120, {}) for n in range(count)
            )
    with Project.open(folder, annotator="ali") as project:
        tracemalloc.start()
        try:
            export_project(project, "jsonl", out)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_export_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    """Four times the documents do not take four times the memory: records stream."""
    small = _peak_export(tmp_path / "small", 300, tmp_path / "small.jsonl")
    large = _peak_export(tmp_path / "large", 1200, tmp_path / "large.jsonl")
    assert (tmp_path / "large.jsonl").stat().st_size > 3 * (tmp_path / "small.jsonl").stat().st_size
    assert large < 2 * small
