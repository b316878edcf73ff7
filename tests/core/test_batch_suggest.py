"""`python main.py suggest`: batch pre-annotation of a small project, and recommender settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cli import main
from core.extract import batch
from core.extract.base import Suggestion
from core.model import Document, DocumentInfo, Span
from core.settings import load_config
from core.store import Project

DOCS = [
    ("a", "زار الوفد دمشق ثم القاهرة."),
    ("b", "وصل الرئيس إلى بيروت صباح اليوم."),
    ("c", "اجتماع في بغداد حول سوريا."),
]


def make(folder: Path, docs: list[tuple[str, str]] = DOCS) -> list[str]:
    with Project.create(folder, name="t", annotator="tester") as project:
        return [project.add_document(title, text) for title, text in docs]


def surfaces(project: Project, doc_id: str, status: str | None = None) -> set[tuple[str, str]]:
    text = project.text(doc_id)
    return {(text[s.start : s.end], s.label) for s in project.layer(doc_id).spans(status=status)}


def test_suggest_new_documents_keeps_decisions(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "p"
    a, b, c = make(folder)
    with Project.open(folder, annotator="tester") as project:
        text = project.text(b)
        start = text.index("بيروت")
        # b is started: the annotator rejected بيروت, so it is not suggested again.
        project.layer(b).add(
            Span(start, start + 5, "LOC", "tester", status="rejected", origin="gazetteer@1")
        )
    code = main(["suggest", "--project", str(folder), "--annotator", "tester"])
    err = capsys.readouterr().err
    assert code == 0 and "document(s)" in err
    with Project.open(folder, annotator="tester") as project:
        assert ("دمشق", "LOC") in surfaces(project, a, "suggested")
        assert ("بغداد", "LOC") in surfaces(project, c, "suggested")
        assert surfaces(project, b, "suggested") == set()  # in progress: not a new document
        assert project.layer(a).status == "new"  # suggestions do not start a document
    code = main(["suggest", "--project", str(folder), "--documents", "all"])
    assert code == 0
    with Project.open(folder, annotator="tester") as project:
        got = project.layer(b).spans()
        assert [
            (s.status, project.text(b)[s.start : s.end]) for s in got if s.status != "suggested"
        ] == [("rejected", "بيروت")]
        assert ("بيروت", "LOC") not in surfaces(project, b, "suggested")
        # running again adds nothing twice
        before = {d: len(project.layer(d).spans()) for d in (a, b, c)}
    main(["suggest", "--project", str(folder), "--documents", "all"])
    with Project.open(folder, annotator="tester") as project:
        assert {d: len(project.layer(d).spans()) for d in (a, b, c)} == before


def test_suggest_in_worker_processes(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    ids = make(folder, [(f"d{i}", f"زار الوفد دمشق يوم {i} ثم بغداد") for i in range(4)])
    monkeypatch.setattr(batch, "PARALLEL_MIN_DOCS", 2)
    with Project.open(folder, annotator="tester") as project:
        report = batch.suggest_project(project, jobs=2)
        assert report.documents == 4 and report.suggestions == 8
        assert all(surfaces(project, i) == {("دمشق", "LOC"), ("بغداد", "LOC")} for i in ids)


class Fixed:
    """A recommender with fixed suggestions."""

    def __init__(self, name: str, found: list[tuple[int, int, str, float]]) -> None:
        self.name, self.version, self.found = name, 1, found

    def suggest(self, document: Document) -> list[Suggestion]:
        return [Suggestion(s, e, lb, sc, f"{self.name}@1") for s, e, lb, sc in self.found]


def test_configured_combiner_honours_switches_and_minimum_scores(data_dir: Path) -> None:
    doc = Document(DocumentInfo("d", "d", 0.0, length=40), "x" * 40)
    recs = [
        Fixed("gazetteer", [(0, 3, "LOC", 0.9), (5, 8, "LOC", 0.5)]),
        Fixed("rules", [(10, 13, "ORG", 0.8)]),
        Fixed("crf-project", [(20, 23, "PERS", 0.6)]),
    ]
    assert len(batch.configured_combiner(recs).suggest(doc)) == 4  # defaults: all on, 0.3
    settings = batch.recommender_settings()
    settings["gazetteer"]["min_score"] = 0.7
    settings["rules"]["enabled"] = False
    settings["crf"]["enabled"] = False  # the project model shares the CRF's switch
    batch.save_recommender_settings(settings)
    assert load_config()["recommenders"]["rules"] == {"enabled": False, "min_score": 0.3}
    got = batch.configured_combiner(recs).suggest(doc)
    assert [(s.start, s.origin) for s in got] == [(0, "gazetteer@1")]


@pytest.mark.parametrize("stored", [None, "junk", {"gazetteer": {"min_score": "x", "enabled": 0}}])
def test_recommender_settings_tolerate_bad_config(stored: object) -> None:
    config = {} if stored is None else {"recommenders": stored}
    settings = batch.recommender_settings(config)
    assert set(settings) >= set(batch.RECOMMENDERS)
    assert all(0.0 <= e["min_score"] <= 1.0 for e in settings.values())
