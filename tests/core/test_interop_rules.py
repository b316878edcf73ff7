"""Import rules: no span over a line break, any label name, no silent merging of copies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.formats.base import ReadReport
from core.formats.project_io import ImportOptions, export_project, import_paths
from core.formats.standoff import read_brat, read_jsonl, read_labelstudio
from core.store import Project

ROOT = Path(__file__).resolve().parents[2]
TEXT = "قالت (قسد)\n\nمناورات في حلب"


def test_a_span_over_a_line_break_is_refused_with_file_and_line(tmp_path: Path) -> None:
    from core.formats.base import FormatError

    crossing = [TEXT.index("قسد"), TEXT.index("مناورات") + 7, "ORG"]
    line = json.dumps({"text": TEXT, "label": [crossing]}, ensure_ascii=False)
    with pytest.raises(FormatError, match=r"a\.jsonl:2: span 'قسد\)\\n\\nمناورات' crosses"):
        read_jsonl(Path("a.jsonl"), '{"text": "x"}\n' + line + "\n", ReadReport())
    ann = f"T1\tLOC {TEXT.index('حلب')} {len(TEXT)}\tحلب\nT2\tORG {crossing[0]} {crossing[1]}\tx\n"
    with pytest.raises(FormatError, match=r"a\.ann:2: span .* crosses a line break"):
        read_brat(Path("a.txt"), TEXT, ann, ReadReport())
    task = {
        "data": {"text": TEXT},
        "annotations": [
            {"result": [{"type": "labels", "value": {"start": 6, "end": 19, "labels": ["ORG"]}}]}
        ],
    }
    with pytest.raises(FormatError, match=r"a\.json: task 1: span .* crosses a line break"):
        read_labelstudio(Path("a.json"), json.dumps([task]), ReadReport())


def test_cli_import_prints_the_refusal_and_changes_nothing(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "in.jsonl"
    good = {"text": "حلب مدينة", "label": [[0, 3, "LOC"]]}
    bad = {"text": TEXT, "label": [[6, 19, "ORG"]]}
    path.write_text(
        "\n".join(json.dumps(o, ensure_ascii=False) for o in (good, bad)) + "\n", encoding="utf-8"
    )
    with Project.create(tmp_path / "p", name="p", annotator="x"):
        pass
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "import",
            "--project",
            str(tmp_path / "p"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:2: span 'قسد)\\n\\nمناورات' crosses a line break (ORG)" in result.stderr
    with Project.open(tmp_path / "p", annotator="x") as project:
        assert len(project) == 0


@pytest.mark.parametrize("label", ["شخص", "STATE/PROVINCE"])
def test_any_label_name_imports_and_never_becomes_a_path(tmp_path: Path, label: str) -> None:
    path = tmp_path / "ls.json"
    task = {
        "id": 7,
        "data": {"text": "ولاية تكساس"},
        "annotations": [
            {"result": [{"type": "labels", "value": {"start": 6, "end": 11, "labels": [label]}}]}
        ],
    }
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (result,) = import_paths(project, [path], ImportOptions(add_labels=True))
        assert result.ok, result.error
        assert label in project.labels
        for fmt, out in (("brat", tmp_path / "brat"), ("conll", tmp_path / "a.conll")):
            export_project(project, fmt, out)
    assert f"U-{label}" not in (tmp_path / "a.conll").read_text(encoding="utf-8")
    assert f"B-{label}" in (tmp_path / "a.conll").read_text(encoding="utf-8")
    names = sorted(p.name for p in (tmp_path / "brat").iterdir())
    assert all(label not in name for name in names)
    assert f"T1\t{label} 6 11\tتكساس" in "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "brat").glob("*.ann")
    )


def test_a_refused_label_name_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "حلب", "label": [[0, 3, "مدينة كبيرة"]]}), "utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (result,) = import_paths(project, [path], ImportOptions(add_labels=True))
    assert result.error and result.error.startswith(f"{path}: label name 'مدينة كبيرة'")


def _tasks(tmp_path: Path) -> Path:
    text = "زار ماكرون حلب"
    tasks = [
        {"id": 11, "data": {"text": text}, "annotations": [_result(4, 10, "PERS")]},
        {"id": 12, "data": {"text": "نص آخر"}, "annotations": []},
        {"id": 13, "data": {"text": text}, "annotations": [_result(11, 14, "LOC")]},
        {"id": 14, "data": {"text": text}, "annotations": [_result(4, 10, "PERS")]},
    ]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def _result(start: int, end: int, label: str) -> dict[str, object]:
    return {
        "result": [{"type": "labels", "value": {"start": start, "end": end, "labels": [label]}}]
    }


def test_copies_with_different_annotations_are_never_unioned(tmp_path: Path) -> None:
    path = _tasks(tmp_path)
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (refused,) = import_paths(project, [path], ImportOptions())
        assert refused.error == (
            f"{path}: task 3: the same text as {path}: task 1 (id 11) with different "
            "annotations; pass --duplicates layer (a layer of its own) or --duplicates skip"
        )
        assert len(project) == 0
        (skipped,) = import_paths(project, [path], ImportOptions(duplicates="skip"))
        assert skipped.ok and len(project) == 2
        doc_id = project.find_by_text("زار ماكرون حلب") or ""
        assert [s.label for s in project.layer(doc_id).spans()] == ["PERS"]
        assert any("task 3 (id 13)" in n and "1 span(s) skipped" in n for n in skipped.notes)
        assert any("task 4 (id 14)" in n and "kept once" in n for n in skipped.notes)
    with Project.create(tmp_path / "q", name="q", annotator="x") as project:
        (layered,) = import_paths(project, [path], ImportOptions(duplicates="layer"))
        assert layered.ok
        doc_id = project.find_by_text("زار ماكرون حلب") or ""
        assert [s.label for s in project.layer(doc_id).spans()] == ["PERS"]
        assert [s.label for s in project.layer(doc_id, "import-tasks-3").spans()] == ["LOC"]


def test_doccano_ids_and_fields_are_written_back(tmp_path: Path) -> None:
    rows = [
        {"id": 17, "text": "زار ماكرون حلب", "label": [[11, 14, "LOC"]], "cats": ["news"]},
        {"id": "a-3", "text": "نص آخر", "label": [], "meta": {"source": "x"}},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (result,) = import_paths(project, [path], ImportOptions())
        assert result.ok, result.error
        report = export_project(project, "jsonl", tmp_path / "out.jsonl")
    assert report.notes == []  # nothing overlaps, so no doccano warning
    back = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [(b["id"], b["text"], b["label"]) for b in back] == [
        (r["id"], r["text"], r["label"]) for r in rows
    ]
    assert back[0]["meta"] == {"cats": ["news"]} and back[1]["meta"] == {"source": "x"}


def test_import_summary_counts_what_was_not_imported(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "a.txt").write_text("زار ماكرون حلب", encoding="utf-8")
    (tmp_path / "a.ann").write_text(
        "T1\tPERS 4 10\tماكرون\nT2\tLOC 11 14\tحلب\nR1\tVisit Arg1:T1 Arg2:T2\n"
        "A1\tFamous T1\n#1\tAnnotatorNotes T1\tرئيس فرنسا\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", "--project", str(tmp_path / "p")]
        + [str(tmp_path / "a.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(
        "1 document(s), 2 span(s) (not imported: 1 brat attributes, 1 brat notes, 1 brat relations)"
    )
