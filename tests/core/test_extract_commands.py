"""The extract, train, evaluate and simulate commands, end to end on small inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli import main
from tests.conftest import SAMPLE

CONLL = (
    "زار O\nكريم B-PERS\nيوسف I-PERS\nمدينة O\nدمشق B-LOC\n\n"
    "وقال O\nسليم B-PERS\nإن O\nوبيروت B-LOC\n\n"
) * 6


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_sample_then_evaluate_against_itself(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pred = tmp_path / "pred.jsonl"
    code, _, err = run(capsys, "extract", str(SAMPLE), "--out", str(pred))
    assert code == 0 and "1 document(s)" in err
    row = json.loads(pred.read_text(encoding="utf-8"))
    assert set(row) >= {"text", "label"}
    found = {(row["text"][s:e], label) for s, e, label in row["label"]}
    assert ("سوريا", "LOC") in found and ("الحسكة", "LOC") in found
    code, out, _ = run(capsys, "evaluate", "--gold", str(pred), "--pred", str(pred), "--json")
    report = json.loads(out)
    assert code == 0 and set(report) == {"exact", "token", "overlap"}
    assert report["exact"]["micro"]["f1"] == 1.0


def test_extract_folder_and_jsonl_in_parallel(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(9):
        (folder / f"{i}.txt").write_text(f"زار الوفد دمشق ثم القاهرة {i}", encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "من بيروت إلى بغداد"}, ensure_ascii=False) + "\n", "utf-8")
    pred = tmp_path / "pred.jsonl"
    code, _, _ = run(capsys, "extract", str(folder), str(src), "--out", str(pred), "--jobs", "2")
    rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and len(rows) == 10
    assert all(len(r["label"]) == 2 for r in rows)


def test_evaluate_conll_gold_with_the_default_extractor(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "gold.conll"
    gold.write_text(CONLL, encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", "--gold", str(gold))
    assert code == 0 and "whitespace-token spans:" in out and "overlap spans:" in out


def test_evaluate_rejects_mismatched_texts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"text": "x", "label": []}\n', "utf-8")
    b.write_text('{"text": "y", "label": []}\n', "utf-8")
    code, _, err = run(capsys, "evaluate", "--gold", str(a), "--pred", str(b))
    assert code == 1 and "differ" in err


def test_train_with_holdout(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "gold.conll"
    gold.write_text(CONLL, encoding="utf-8")
    model = tmp_path / "m.crfsuite"
    code, out, _ = run(
        capsys,
        "train",
        "--conll",
        str(gold),
        "--out",
        str(model),
        "--holdout",
        "0.2",
        "--iterations",
        "30",
    )
    assert code == 0 and model.exists() and "held-out" in out and "F1" in out


def test_simulate_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "gold.jsonl"
    text = "وصل المدرب كلكاتوس إلى القاهرة"
    s = text.index("كلكاتوس")
    rows = [
        {"id": f"d{i}", "text": text, "label": [[s, s + 7, "PERS"], [23, 30, "LOC"]]}
        for i in range(4)
    ]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    code, out, _ = run(capsys, "simulate", "--gold", str(gold), "--json")
    result = json.loads(out)
    assert code == 0 and [d["id"] for d in result["documents"]] == ["d0", "d1", "d2", "d3"]
    assert result["total"]["gold"] == 8
    code, out, _ = run(capsys, "simulate", "--gold", str(gold), "--no-learning")
    assert code == 0 and "learning: off" in out


def test_simulate_order_uncertainty(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "gold.jsonl"
    plain = "وصل الرئيس إلى القاهرة أمس"
    odd = "وصل المدرب كلكاتوس إلى القاهرة"  # an unknown name: the model hesitates
    c = plain.index("القاهرة")
    rows = [{"id": f"d{i}", "text": plain, "label": [[c, c + 7, "LOC"]]} for i in range(3)]
    b = odd.index("كلكاتوس")
    rows.append({"id": "odd", "text": odd, "label": [[b, b + 7, "PERS"]]})
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    code, out, _ = run(capsys, "simulate", "--gold", str(gold), "--order", "uncertainty", "--json")
    result = json.loads(out)
    assert code == 0 and result["order"] == "uncertainty"
    ids = [d["id"] for d in result["documents"]]
    assert sorted(ids) == ["d0", "d1", "d2", "odd"] and ids[0] == "odd"
    code, out, _ = run(capsys, "simulate", "--gold", str(gold), "--order", "uncertainty")
    assert code == 0 and "order: uncertainty" in out
