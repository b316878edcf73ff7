"""The bundled Arabic font (Noto Naskh Arabic, OFL), loaded once with QFontDatabase."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FALLBACK_FAMILY = "Noto Naskh Arabic"
_loaded: list[str] = []


def load_fonts() -> str:
    """Register the bundled fonts (once) and return the editor's font family."""
    if not _loaded:
        for path in sorted(FONT_DIR.glob("*.ttf")):
            font_id = QtGui.QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _loaded.extend(QtGui.QFontDatabase.applicationFontFamilies(font_id))
        if not _loaded:
            _loaded.append(FALLBACK_FAMILY)
    return _loaded[0]


def editor_font(point_size: int) -> QtGui.QFont:
    """The editor's font at a size."""
    font = QtGui.QFont(load_fonts())
    font.setPointSize(point_size)
    return font
