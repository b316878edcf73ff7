"""Team work on the sample article: layers, bundles, merging, adjudication."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from core.agreement import project_agreement
from core.curation import GOLD, accept_agreed, curate, settle
from core.model import Span
from core.share import ShareError, bundle, merge
from core.store import Project
from tests.teamdata import ALI, SARA, spans_for


@pytest.fixture
def team(tmp_path: Path, sample_text: str) -> tuple[Path, str]:
    """A sample project; ali and sara annotate on two copies of it."""
    folder = tmp_path / "ali"
    with Project.create(folder, name="team", annotator="ali") as project:
        doc = project.add_document("sample", sample_text, {})
    shutil.copytree(folder, tmp_path / "sara")
    for who, words in (("ali", ALI), ("sara", SARA)):
        with Project.open(tmp_path / who, annotator=who) as project:
            layer = project.layer(doc)
            layer.add_many(spans_for(sample_text, words, who))
            layer.set_status("done")
    return tmp_path, doc


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_bundle_merge_keeps_layers_apart_and_is_idempotent(team: tuple[Path, str]) -> None:
    tmp, doc = team
    with Project.open(tmp / "sara", annotator="sara") as sara:
        assert bundle(sara, "sara", tmp / "sara.zip") == 1
    with Project.open(tmp / "ali", annotator="ali") as ali:
        report = merge(ali, tmp / "sara.zip")
        assert report.added == [("sara", doc)]
        assert ali.annotators() == ["ali", "sara"]
        assert len(ali.layer(doc, "ali").spans()) == 4
        assert len(ali.layer(doc, "sara").spans()) == 5
    before = _snapshot(tmp / "ali")
    with Project.open(tmp / "ali", annotator="ali") as ali:
        again = merge(ali, tmp / "sara.zip")
        assert again.added == [] and again.updated == [] and again.unchanged == 1
    assert _snapshot(tmp / "ali") == before


def test_merge_from_a_project_folder_and_newer_wins(team: tuple[Path, str]) -> None:
    tmp, doc = team
    with Project.open(tmp / "ali", annotator="ali") as ali:
        merge(ali, tmp / "sara")
        # sara's copy also holds an old copy of nothing from ali: ali's layer is untouched.
        assert len(ali.layer(doc, "ali").spans()) == 4
    with Project.open(tmp / "sara", annotator="sara") as sara:
        sara.layer(doc).remove(sara.layer(doc).spans()[0].id)
    with Project.open(tmp / "ali", annotator="ali") as ali:
        report = merge(ali, tmp / "sara")
        assert report.updated == [("sara", doc)]
        assert len(ali.layer(doc, "sara").spans()) == 4
        # An older version never replaces a newer one.
        ali.layer(doc, "sara").add(Span(0, 3, "MISC", "sara"))
        report = merge(ali, tmp / "sara")
        assert report.kept_newer == [("sara", doc)]


def _hostile(tmp: Path, name: str, entries: dict[str, str | bytes]) -> Path:
    path = tmp / name
    with zipfile.ZipFile(path, "w") as zf:
        for entry, data in entries.items():
            zf.writestr(entry, data)
    return path


@pytest.mark.parametrize(
    "kind, message",
    [
        ("slip", "points outside the project"),
        ("absolute", "points outside the project"),
        ("other_project", "belongs to project"),
        ("other_text", "different version of its text"),
        ("bad_span", "outside the text"),
        ("garbage", "not a valid layer file"),
        ("not_zip", "not a readable zip file"),
    ],
)
def test_hostile_or_corrupt_bundles_are_refused(
    team: tuple[Path, str], kind: str, message: str
) -> None:
    tmp, doc = team
    with Project.open(tmp / "sara", annotator="sara") as sara:
        bundle(sara, "sara", tmp / "good.zip")
    with zipfile.ZipFile(tmp / "good.zip") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        layer = zf.read(f"layers/sara/{doc}.json")
    entries: dict[str, str | bytes] = {
        "manifest.json": json.dumps(manifest),
        f"layers/sara/{doc}.json": layer,
    }
    if kind == "slip":
        entries["layers/sara/../../../evil.json"] = layer
    elif kind == "absolute":
        entries["/etc/evil.json"] = layer
    elif kind == "other_project":
        entries["manifest.json"] = json.dumps({**manifest, "project_id": "someone-else"})
    elif kind == "other_text":
        entries["layers/sara/0123456789abcdef.json"] = layer
    elif kind == "bad_span":
        data = json.loads(layer)
        data["spans"]["1"]["end"] = 10**6
        entries[f"layers/sara/{doc}.json"] = json.dumps(data)
    elif kind == "garbage":
        entries[f"layers/sara/{doc}.json"] = b"\x00garbage"
    path = _hostile(tmp, "bad.zip", entries)
    if kind == "not_zip":
        path.write_bytes(b"PK\x03\x04 truncated")
    before = _snapshot(tmp / "ali")
    with Project.open(tmp / "ali", annotator="ali") as ali:
        with pytest.raises(ShareError, match=message):
            merge(ali, path)
    assert _snapshot(tmp / "ali") == before
    assert not (tmp / "evil.json").exists()


def test_agreement_and_adjudication_on_the_sample(team: tuple[Path, str]) -> None:
    tmp, doc = team
    with Project.open(tmp / "ali", annotator="ali") as ali:
        merge(ali, tmp / "sara")
        report = project_agreement(ali)
        (pair,) = report.pairs
        # ali 4 spans, sara 5, 3 identical: 2*3/9.
        assert pair.exact_f1 == pytest.approx(6 / 9)
        assert pair.per_label["ORG"]["exact_f1"] == pytest.approx(2 * 1 / 3)
        curation = curate(ali, doc)
        assert len(curation.agreed) == 3
        options = [g.options for g in curation.disagreements]
        assert len(options) == 2  # قسد ORG/PERS, and المالكية from sara only
        added = accept_agreed(ali, doc)
        assert len(added) == 3 and accept_agreed(ali, doc) == []
        group = next(g for g in curation.disagreements if len(g.options) == 2)
        chosen = next(o for o in group.options if o[2] == "ORG")
        settle(ali, doc, group, chosen)
        gold = ali.layer(doc, GOLD).spans()
        assert len(gold) == 4 and {s.annotator for s in gold} == {GOLD}
        # Settling again with "none" removes the gold span in that place.
        settle(ali, doc, group, None)
        assert len(ali.layer(doc, GOLD).spans()) == 3
        # The gold layer is left out of agreement figures.
        assert [p.b for p in project_agreement(ali).pairs] == ["sara"]


def test_team_commands(team: tuple[Path, str], data_dir: Path) -> None:
    from tests.core.test_cli import run

    tmp, doc = team
    run(
        "bundle", "--project", str(tmp / "sara"), "--annotator", "sara", "--out", str(tmp / "s.zip")
    )
    out = run("merge", "--project", str(tmp / "ali"), str(tmp / "s.zip")).stdout
    assert "1 layer(s) added" in out
    data = json.loads(run("agreement", "--project", str(tmp / "ali"), "--json").stdout)
    assert data["pairs"][0]["a"] == "ali" and data["pairs"][0]["b"] == "sara"
    assert data["pairs"][0]["exact_f1"] == pytest.approx(6 / 9)
    assert data["documents"][0]["id"] == doc
    table = run("agreement", "--project", str(tmp / "ali")).stdout
    assert "ali / sara" in table and "Krippendorff" in table
    out = run("adjudicate", "--project", str(tmp / "ali")).stdout
    assert "3 agreed span(s) added to gold" in out
    run(
        "export",
        "--project",
        str(tmp / "ali"),
        "--format",
        "jsonl",
        "--annotator",
        "gold",
        "--out",
        str(tmp / "gold.jsonl"),
    )
    gold = json.loads((tmp / "gold.jsonl").read_text(encoding="utf-8"))
    assert len(gold["label"]) == 3
    bad = run("merge", "--project", str(tmp / "ali"), str(tmp / "nothing.zip"), check=False)
    assert bad.returncode == 1 and "neither a bundle" in bad.stderr
