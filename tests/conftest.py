"""Test set-up: headless Qt and a throw-away user profile, before anything else runs."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Qt must be headless before any QApplication exists, and the tests must never
# touch the real user profile (user data folder, QSettings).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_PROFILE = Path(tempfile.mkdtemp(prefix="tawsim-test-profile-"))
os.environ["TAWSIM_DATA_DIR"] = str(_PROFILE / "data")
os.environ["XDG_CONFIG_HOME"] = str(_PROFILE / "config")
os.environ["XDG_DATA_HOME"] = str(_PROFILE / "share")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "resources" / "samples" / "enab-baladi-2025-05-27-coalition-syria.txt"


@pytest.fixture
def sample_text() -> str:
    """The bundled sample article as stored (cleaned) text."""
    from core.text import clean_imported_text

    return clean_imported_text(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user data folder for one test."""
    path = tmp_path / "userdata"
    monkeypatch.setenv("TAWSIM_DATA_DIR", str(path))
    return path


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new project holding the sample article, open for annotator 'tester'."""
    from core.store import Project

    proj = Project.create(tmp_path / "proj", name="test", annotator="tester")
    text = clean_sample()
    proj.add_document("sample", text, {"source_file": SAMPLE.name})
    yield proj
    proj.close()


def clean_sample() -> str:
    """The sample article as stored text."""
    from core.text import clean_imported_text

    return clean_imported_text(SAMPLE.read_text(encoding="utf-8"))


# CI runs are deterministic (the same examples every run); local runs keep
# exploring new ones. TAWSIM_FUZZ=N raises the example count for a long hunt.
from hypothesis import settings as _hyp_settings  # noqa: E402

_hyp_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hyp_settings.load_profile("ci")
