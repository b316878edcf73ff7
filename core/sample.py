"""The built-in sample project, created on first run from the bundled article."""

from __future__ import annotations

from pathlib import Path

from core.importer import read_text_file, title_of
from core.settings import remember_project, sample_project_dir, sample_text_path
from core.store import Project
from core.store.project import PROJECT_FILE

#: the sample project's stored name; the GUI shows it in the interface language
SAMPLE_NAME = "Sample: Enab Baladi"
SAMPLE_META = {
    "source_file": sample_text_path().name,
    "source": "Enab Baladi (عنب بلدي)",
    "date": "2025-05-27",
}


def ensure_sample_project() -> Path:
    """Create the sample project if it does not exist yet; return its folder."""
    folder = sample_project_dir()
    if not (folder / PROJECT_FILE).exists() and not (folder / (PROJECT_FILE + ".bak")).exists():
        text, _ = read_text_file(sample_text_path())
        with Project.create(folder, name=SAMPLE_NAME) as project:
            project.add_document(title_of(text, "sample"), text, SAMPLE_META)
        remember_project(folder)
    return folder


def is_sample(folder: Path, name: str) -> bool:
    """True for the built-in sample project (its folder, under its own name)."""
    return name == SAMPLE_NAME and folder.resolve() == sample_project_dir().resolve()
