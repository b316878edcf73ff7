"""``tawsim --install-desktop-entry``: the .desktop file and the icon under XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.desktop import desktop_entry, install_desktop_entry, launch_command

ROOT = Path(__file__).resolve().parents[2]


def _read(entry: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(entry.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_main_installs_entry_and_icon_under_xdg_data_home(tmp_path: Path) -> None:
    home = tmp_path / "share"
    env = {"XDG_DATA_HOME": str(home), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--install-desktop-entry"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    entry = home / "applications" / "tawsim.desktop"
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / "tawsim.svg"
    assert str(entry) in done.stdout and entry.exists() and icon.exists()
    assert icon.read_bytes() == (ROOT / "resources" / "icons" / "tawsim.svg").read_bytes()
    fields = _read(entry)
    assert fields["Type"] == "Application" and fields["Icon"] == "tawsim"
    assert fields["Name"] == "Tawsim" and fields["Name[ar]"] == "توسيم"
    assert fields["Terminal"] == "false"
    # From a source tree the entry runs this Python on main.py.
    assert fields["Exec"].split()[0] == sys.executable
    assert fields["Exec"].endswith("main.py")


def test_entry_uses_the_installed_script(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "tawsim"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    assert launch_command(str(script)) == [str(script.resolve())]
    done = install_desktop_entry(launch_command(str(script)), home=tmp_path / "share")
    assert _read(done.entry)["Exec"] == str(script.resolve())


def test_exec_arguments_are_quoted() -> None:
    text = desktop_entry(["/opt/my apps/python", "/x/main.py", "100%"])
    line = next(x for x in text.splitlines() if x.startswith("Exec="))
    assert line == 'Exec="/opt/my apps/python" /x/main.py "100%%"'


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_entry_is_valid(tmp_path: Path) -> None:
    done = install_desktop_entry(["/usr/bin/tawsim"], home=tmp_path)
    result = subprocess.run(
        ["desktop-file-validate", str(done.entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
