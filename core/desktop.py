"""The Linux desktop entry: ``tawsim --install-desktop-entry`` (pure Python, no Qt).

Writes ``$XDG_DATA_HOME/applications/tawsim.desktop`` and copies the icon to
``$XDG_DATA_HOME/icons/hicolor/scalable/apps/tawsim.svg``, following the XDG
desktop entry and icon theme specifications (``XDG_DATA_HOME`` defaults to
``~/.local/share``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from core.store.storage import atomic_write

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "tawsim.svg"
APP_ID = "tawsim"


@dataclass(frozen=True)
class Installed:
    """Where the desktop entry and its icon were written."""

    entry: Path
    icon: Path


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launch_command(argv0: str | None = None) -> list[str]:
    """How the entry starts Tawsim: the installed ``tawsim`` script, else this Python and main."""
    argv0 = argv0 if argv0 is not None else sys.argv[0]
    script = Path(argv0)
    if script.name in ("tawsim", "tawsim.exe") and script.exists():
        return [str(script.resolve())]
    found = shutil.which("tawsim")
    if found:
        return [str(Path(found).resolve())]
    main = Path(__file__).resolve().parent.parent / "main.py"
    return [sys.executable, str(main)]


def _quote(arg: str) -> str:
    """Quote an Exec argument as the desktop entry specification asks."""
    if arg and all(c.isalnum() or c in "/._-+" for c in arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def desktop_entry(command: list[str], icon: str = APP_ID) -> str:
    """The text of tawsim.desktop."""
    exec_line = " ".join(_quote(a).replace("%", "%%") for a in command)
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            "Name=Tawsim",
            "Name[ar]=توسيم",
            "GenericName=Named-entity annotation",
            "GenericName[ar]=توسيم الكيانات المسمّاة",
            "Comment=Annotate named entities in Arabic text",
            "Comment[ar]=وسم أسماء الأشخاص والأماكن والمنظمات في النصوص العربية",
            f"Exec={exec_line}",
            f"TryExec={command[0]}",
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Office;Education;Science;Languages;",
            "Keywords=Arabic;NER;annotation;corpus;entities;توسيم;كيانات;",
            "StartupNotify=true",
            "StartupWMClass=Tawsim",
            "",
        ]
    )


def install_desktop_entry(
    command: list[str] | None = None, *, home: Path | None = None
) -> Installed:
    """Write the desktop entry and the icon under XDG_DATA_HOME; return their paths."""
    base = home or data_home()
    command = command or launch_command()
    icon = base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON, icon)
    entry = base / "applications" / f"{APP_ID}.desktop"
    entry.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(entry, desktop_entry(command))
    entry.chmod(0o755)
    _refresh(base)
    return Installed(entry, icon)


def _refresh(base: Path) -> None:
    """Tell the desktop about the new entry, when the usual tools are there (optional)."""
    for tool, args in (
        ("update-desktop-database", [str(base / "applications")]),
        ("gtk-update-icon-cache", ["-q", "-t", str(base / "icons" / "hicolor")]),
    ):
        path = shutil.which(tool)
        if path:
            subprocess.run([path, *args], check=False, capture_output=True, timeout=30)
