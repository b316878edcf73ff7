"""The command line: help, import, stats, projects, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run python main.py ARGS in a subprocess with the test profile."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_help_lists_subcommands() -> None:
    out = run("--help").stdout
    for name in ("import", "stats", "projects", "gui"):
        assert name in out


def test_import_and_stats(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("\ufeffعنوان أول\r\nنص عن سوريا\r\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("عنوان ثان\nنص", encoding="utf-16")
    (folder / "c.txt").write_bytes("عنوان ثالث\nدمشق".encode("cp1256"))
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "notes.md").write_text("ignored: not .txt", encoding="utf-8")
    project = tmp_path / "proj"
    result = run("import", "--project", str(project), str(folder), check=False)
    assert result.returncode == 1  # one file failed
    assert "empty.txt: the file is empty" in result.stderr
    assert "decoded as Windows-1256" in result.stderr
    assert "3 document(s) added, 1 file(s) failed" in result.stderr

    from core.store import Project

    with Project.open(project, read_only=True) as proj:
        titles = sorted(d.title for d in proj.documents())
        assert titles == ["عنوان أول", "عنوان ثالث", "عنوان ثان"]
        first = next(d for d in proj.documents() if d.title == "عنوان أول")
        assert proj.text(first.id) == "عنوان أول\nنص عن سوريا\n"  # BOM and CRLF gone

    # A second import of the same file adds nothing.
    again = run("import", "--project", str(project), str(folder / "a.txt"))
    assert "already in the project" in again.stdout

    stats = json.loads(run("stats", "--project", str(project), "--json").stdout)
    assert stats["documents"] == 3
    assert stats["spans_by_label"] == {}


def test_stats_on_sample_project_and_projects(data_dir: Path) -> None:
    out = run("stats").stdout
    assert "documents  1" in out
    listed = run("projects").stdout
    assert "sample" in listed


@pytest.mark.parametrize(
    "args, message",
    [
        (["import", "--project", "{tmp}/p", "{tmp}/missing.txt"], "no such file"),
        (["stats", "--project", "{tmp}"], "not a Tawsim project"),
        (
            ["import", "--project", "{tmp}/p", "--encoding", "klingon", "{tmp}/x.txt"],
            "unknown encoding",
        ),
    ],
)
def test_user_errors_are_one_clear_line(
    tmp_path: Path, data_dir: Path, args: list[str], message: str
) -> None:
    (tmp_path / "x.txt").write_text("نص", encoding="utf-8")
    result = run(*[a.format(tmp=tmp_path) for a in args], check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_locked_project_names_the_holder(tmp_path: Path, data_dir: Path) -> None:
    import os

    from core.store import Project

    with Project.create(tmp_path / "p", name="p", annotator="a"):
        result = run(
            "import", "--project", str(tmp_path / "p"), str(ROOT / "README.md"), check=False
        )
        assert result.returncode == 1
        assert f"process {os.getpid()}" in result.stderr
        # Reading is still allowed while another process writes.
        assert "documents  0" in run("stats", "--project", str(tmp_path / "p")).stdout


def test_labels_can_be_edited(tmp_path: Path, data_dir: Path) -> None:
    project = str(tmp_path / "p")
    (tmp_path / "x.txt").write_text("نص", encoding="utf-8")
    run("import", "--project", project, str(tmp_path / "x.txt"))
    out = run("labels", "--project", project, "--add", "EVENT", "--ar", "حدث").stdout
    assert "5  EVENT" in out and "حدث" in out
    out = run("labels", "--project", project, "--set", "EVENT", "--color", "#123456").stdout
    assert "#123456" in out
    bad = run("labels", "--project", project, "--set", "EVENT", "--color", "red", check=False)
    assert bad.returncode == 1 and "colour 'red'" in bad.stderr
    out = run("labels", "--project", project, "--remove", "EVENT").stdout
    assert "EVENT" not in out
