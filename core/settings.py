"""Where Tawsim keeps its user data: preferences, known projects, the sample project.

Everything lives in the platform's user data folder (platformdirs), or in
``$TAWSIM_DATA_DIR`` when set, which the tests use so that they never touch
the real profile.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from core.errors import StoreError
from core.store.storage import atomic_write, dumps

APP_NAME = "tawsim"
SAMPLE_NAME = "enab-baladi-2025-05-27-coalition-syria.txt"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user data folder (created on demand)."""
    override = os.environ.get("TAWSIM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Files Tawsim can rebuild (compiled translations): the user cache folder.

    With ``$TAWSIM_DATA_DIR`` set it is a ``cache`` folder inside it, so that
    the tests and benchmarks keep everything in one place.
    """
    override = os.environ.get("TAWSIM_DATA_DIR")
    path = (
        Path(override) / "cache" if override else Path(platformdirs.user_cache_dir(APP_NAME, False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def _config_path() -> Path:
    return data_dir() / "config.json"


def load_config() -> dict[str, Any]:
    """User preferences; an unreadable file is reported, not silently reset."""
    path = _config_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(
            f"{path}: the settings file is unreadable ({exc}); fix or delete it"
        ) from exc
    return data if isinstance(data, dict) else {}


def save_config(config: dict[str, Any]) -> None:
    """Write preferences atomically."""
    atomic_write(_config_path(), dumps(config))


def update_config(**changes: Any) -> dict[str, Any]:
    """Change some preferences and save them."""
    config = load_config()
    config.update(changes)
    save_config(config)
    return config


@dataclass(frozen=True)
class Preferences:
    """Every user preference with its default; the one place the defaults live.

    Stored in ``config.json`` in the user data folder. A value of the wrong
    type in the file (edited by hand) reads as the default.
    """

    #: the annotator's name ("" until the first-run dialog asked)
    annotator: str = ""
    #: interface language, "ar" or "en" ("" until chosen: the system's language)
    language: str = ""
    #: "arabic" (٠١٢) or "western" (012); "" for the language's own default
    digits: str = ""
    editor_point_size: int = 16
    snap: bool = True
    #: known projects, most recent first
    projects: tuple[str, ...] = ()
    #: recommender name -> {"enabled": bool, "min_score": float}
    recommenders: dict[str, Any] = field(default_factory=dict)


def load_preferences() -> Preferences:
    """The user's preferences (defaults for anything missing or of the wrong type)."""
    config = load_config()
    values: dict[str, Any] = {}
    for f in fields(Preferences):
        if f.name not in config:
            continue
        value = config[f.name]
        if f.name == "projects" and isinstance(value, list):
            values[f.name] = tuple(p for p in value if isinstance(p, str))
        elif f.name == "editor_point_size" and isinstance(value, int) and 6 <= value <= 96:
            values[f.name] = value
        elif f.name == "snap" and isinstance(value, bool):
            values[f.name] = value
        elif f.name == "recommenders" and isinstance(value, dict):
            values[f.name] = value
        elif f.name in ("annotator", "language", "digits") and isinstance(value, str):
            values[f.name] = value
    return replace(Preferences(), **values)


def save_preferences(**changes: Any) -> Preferences:
    """Change some preferences (by field name) and save them; return them all."""
    names = {f.name for f in fields(Preferences)}
    unknown = set(changes) - names
    if unknown:
        raise ValueError(f"unknown preferences: {', '.join(sorted(unknown))}")
    stored = {k: list(v) if isinstance(v, tuple) else v for k, v in changes.items()}
    update_config(**stored)
    return load_preferences()


def default_annotator(explicit: str | None = None) -> str:
    """The annotator's name: the one given (``--annotator``), else the preference, else
    a name derived from the login name. Every part of Tawsim asks here."""
    if explicit:
        return explicit
    name = load_preferences().annotator
    if name:
        return name
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = ""
    login = re.sub(r"[^\w.\-]", "_", login)[:64].lstrip(".-")
    return login or "annotator"


def known_projects() -> list[Path]:
    """Projects this user has created or opened, most recent first."""
    return [Path(p) for p in load_preferences().projects]


def remember_project(folder: Path) -> None:
    """Put folder at the top of the known projects."""
    folder = Path(folder).resolve()
    rest = [str(p) for p in known_projects() if p.resolve() != folder]
    save_preferences(projects=(str(folder), *rest[:49]))


def sample_project_dir() -> Path:
    """Where the built-in sample project lives."""
    return data_dir() / "projects" / "sample"


def sample_text_path() -> Path:
    """The bundled sample article."""
    return RESOURCES / "samples" / SAMPLE_NAME
