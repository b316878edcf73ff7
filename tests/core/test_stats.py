"""The dashboard's figures on two generated annotators of the sample article."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from core.agreement import project_agreement
from core.model import Span
from core.stats import acceptance, agreement_matrix, progress_by_day, project_stats, recommender_of
from core.store import Project

DAY = 86400.0
T0 = dt.datetime(2025, 5, 27, 12, 0).timestamp()


def _span(text: str, word: str, label: str, who: str, **kw: object) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), label, who, **kw)  # type: ignore[arg-type]


def _team(tmp_path: Path, text: str) -> tuple[Project, str]:
    project = Project.create(tmp_path / "p", name="team", annotator="ali")
    doc = project.add_document("sample", text, {})
    ali = [
        _span(text, "سوريا", "LOC", "ali", updated=T0),
        _span(text, "الحسكة", "LOC", "ali", updated=T0 + DAY),
        _span(text, "قسد", "ORG", "ali", origin="crf@1", updated=T0 + DAY),
        _span(text, "المالكية", "LOC", "ali", origin="crf@1", status="rejected"),
        _span(text, "التحالف الدولي", "ORG", "ali", origin="gazetteer@1", status="suggested"),
    ]
    sara = [
        _span(text, "سوريا", "LOC", "sara", origin="gazetteer@1", updated=T0),
        _span(text, "الحسكة", "LOC", "sara", updated=T0),
        _span(text, "قسد", "PERS", "sara", updated=T0 + 2 * DAY),
    ]
    for who, spans in (("ali", ali), ("sara", sara)):
        layer = project.layer(doc, who)
        layer.add_many(spans)
        layer.set_status("done")
    return project, doc


def test_recommender_of() -> None:
    assert recommender_of("crf@1") == "crf"
    assert recommender_of("gazetteer@2") == "gazetteer"
    assert recommender_of("manual") is None
    assert recommender_of("adjudication:agreed") is None


def test_progress_is_a_running_total_by_day() -> None:
    spans = [
        Span(0, 1, "LOC", "a", updated=T0),
        Span(2, 3, "LOC", "a", updated=T0 + 60),
        Span(4, 5, "LOC", "a", updated=T0 + 3 * DAY),
        Span(6, 7, "LOC", "a", status="suggested", updated=T0 + 4 * DAY),
    ]
    day = dt.date(2025, 5, 27)
    assert progress_by_day(spans) == [(day, 2), (day + dt.timedelta(days=3), 3)]


def test_acceptance_counts_decisions_per_recommender() -> None:
    spans = [
        Span(0, 1, "LOC", "a", origin="crf@1"),
        Span(0, 1, "LOC", "a", origin="crf@1", status="rejected"),
        Span(0, 1, "LOC", "a", origin="crf@2", status="rejected"),
        Span(0, 1, "LOC", "a", origin="rules@1", status="suggested"),
        Span(0, 1, "LOC", "a"),
    ]
    out = acceptance(spans)
    assert list(out) == ["crf", "rules"]
    assert (out["crf"].accepted, out["crf"].rejected, out["crf"].open) == (1, 2, 0)
    assert out["crf"].rate == 1 / 3
    assert out["rules"].rate is None


def test_project_stats_on_two_annotators(tmp_path: Path, sample_text: str) -> None:
    project, _doc = _team(tmp_path, sample_text)
    with project:
        stats = project_stats(project)
        assert stats.annotators == ["ali", "sara"]
        assert stats.label_counts["ali"] == {"LOC": 2, "ORG": 1}
        assert stats.label_counts["sara"] == {"LOC": 2, "PERS": 1}
        assert [n for _, n in stats.progress["ali"]] == [1, 3]
        assert [n for _, n in stats.progress["sara"]] == [2, 3]
        assert stats.done == {"ali": 1, "sara": 1}
        crf, gaz = stats.acceptance["crf"], stats.acceptance["gazetteer"]
        assert (crf.accepted, crf.rejected, crf.rate) == (1, 1, 0.5)
        assert (gaz.accepted, gaz.rejected, gaz.open, gaz.rate) == (1, 0, 1, 1.0)

        names, matrix = agreement_matrix(project_agreement(project), "exact_f1")
        assert names == ["ali", "sara"]
        # ali has 3 accepted spans, sara 3; they share 2: F1 = 2*2/6.
        assert matrix[0][0] == matrix[1][1] == 1.0
        assert matrix[0][1] == matrix[1][0] == 2 * 2 / 6
        names, kappa = agreement_matrix(project_agreement(project), "kappa")
        assert kappa[0][1] is not None and -1 <= kappa[0][1] < 1


def test_stats_does_not_import_qt() -> None:
    code = "import core.stats, sys; assert 'PySide6' not in sys.modules"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)
