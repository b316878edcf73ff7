"""The bundled fonts (Noto Naskh Arabic and Noto Emoji, OFL), loaded once with QFontDatabase.

Noto Naskh Arabic is the editor's font. Noto Emoji (monochrome) is a fallback
family everywhere: many machines have no emoji font, and Qt then drew 👍 and
🇸🇾 as empty boxes in the editor, the lists and the titles.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui, QtWidgets

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FALLBACK_FAMILY = "Noto Naskh Arabic"
EMOJI_FAMILY = "Noto Emoji"
_loaded: list[str] = []


def load_fonts() -> str:
    """Register the bundled fonts (once), give the app the emoji fallback; the editor's family."""
    if not _loaded:
        for path in sorted(FONT_DIR.glob("*.ttf")):
            font_id = QtGui.QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _loaded.extend(QtGui.QFontDatabase.applicationFontFamilies(font_id))
        app = QtWidgets.QApplication.instance()
        if isinstance(app, QtWidgets.QApplication):
            app.setFont(with_emoji(app.font()))
    editor = [f for f in _loaded if f != EMOJI_FAMILY]
    return editor[0] if editor else FALLBACK_FAMILY


def emoji_loaded() -> bool:
    """True once the bundled emoji font is registered."""
    return EMOJI_FAMILY in _loaded


def with_emoji(font: QtGui.QFont) -> QtGui.QFont:
    """The font with the bundled emoji font as its last fallback family."""
    if not emoji_loaded():
        return font
    families = [f for f in (font.families() or [font.family()]) if f != EMOJI_FAMILY]
    if not families or not QtGui.QFontDatabase.hasFamily(families[0]):
        # An alias ("Sans Serif") is no family of the database: Qt would then make
        # the emoji font the primary one and draw spaces and digits with it.
        families = [QtGui.QFontInfo(font).family(), *families]
    font = QtGui.QFont(font)
    font.setFamilies([*families, EMOJI_FAMILY])
    return font


def editor_font(point_size: int) -> QtGui.QFont:
    """The editor's font at a size: Noto Naskh Arabic, the interface's font, then Noto Emoji.

    Naskh has no ``#`` or Latin letters; the interface font draws those, as
    the system fallback did before, so that only what no text font has (👍,
    flags) reaches the emoji font, which also has ``#``, digits and a space.
    """
    font = QtGui.QFont(load_fonts())
    font.setPointSize(point_size)
    app = QtWidgets.QApplication.instance()
    if isinstance(app, QtWidgets.QApplication):
        interface = [f for f in QtWidgets.QApplication.font().families() if f != EMOJI_FAMILY]
        font.setFamilies([font.family(), *interface[:1]])
    return with_emoji(font)
