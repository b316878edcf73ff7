"""The bundled emoji font: loaded, a fallback of the editor and the app, and drawing 👍 and 🇸🇾."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from gui.fonts import EMOJI_FAMILY, FONT_DIR, editor_font, emoji_loaded, load_fonts, with_emoji
from tests.gui.conftest import make_project

THUMBS_UP = "\U0001f44d"
SYRIA = "\U0001f1f8\U0001f1fe"


def _families_drawing(font: QtGui.QFont, text: str) -> set[str]:
    """The families Qt actually uses to lay out a text in a font."""
    layout = QtGui.QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_the_emoji_font_is_bundled_with_its_licence() -> None:
    assert (FONT_DIR / "NotoEmoji-Regular.ttf").is_file()
    licence = (FONT_DIR / "OFL-NotoEmoji.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence


def test_the_emoji_font_loads_and_has_the_samples_glyphs(qapp) -> None:  # type: ignore[no-untyped-def]
    load_fonts()
    assert emoji_loaded()
    assert EMOJI_FAMILY in QtGui.QFontDatabase.families()
    raw = QtGui.QRawFont.fromFont(QtGui.QFont(EMOJI_FAMILY))
    assert raw.familyName() == EMOJI_FAMILY
    assert raw.supportsCharacter(0x1F44D)
    assert raw.supportsCharacter(0x1F1F8) and raw.supportsCharacter(0x1F1FE)
    # the Arabic font has no emoji: the fallback is what draws them
    assert not QtGui.QRawFont.fromFont(editor_font(14)).supportsCharacter(0x1F44D)


def test_editor_and_app_fonts_fall_back_to_the_emoji_font(qapp) -> None:  # type: ignore[no-untyped-def]
    font = editor_font(14)
    assert font.families()[0] == load_fonts()
    assert font.families()[-1] == EMOJI_FAMILY
    assert QtWidgets.QApplication.font().families()[-1] == EMOJI_FAMILY
    assert EMOJI_FAMILY in _families_drawing(font, f"سوريا {THUMBS_UP}")
    # a list or a title uses the application font
    assert EMOJI_FAMILY in _families_drawing(QtWidgets.QApplication.font(), f"Title {SYRIA}")


def test_the_flag_pair_is_one_glyph(qapp) -> None:  # type: ignore[no-untyped-def]
    load_fonts()
    layout = QtGui.QTextLayout(SYRIA, QtGui.QFont(EMOJI_FAMILY))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
    assert len(glyphs) == 1  # GSUB ligature: a flag, not two letters in boxes


def test_emoji_in_a_document_are_drawn_by_the_emoji_font(tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    # the bundled sample article has no emoji: a post that has both of the issue's
    text = f"قال ناشطون {THUMBS_UP} إن سوريا {SYRIA} تنتظر قرار 2254 منذ سنوات."
    window = make_window(make_project(tmp_path / "p", [(f"سوريا {SYRIA}", text)]))
    editor = window.editor
    for emoji in (THUMBS_UP, SYRIA):
        assert emoji in text
        at = editor.offsets.to_qt(text.find(emoji))  # the layout counts UTF-16 units
        length = len(emoji.encode("utf-16-le")) // 2
        block = editor.document().findBlock(at)
        position = at - block.position()
        line = block.layout().lineForTextPosition(position)
        families = {run.rawFont().familyName() for run in line.glyphRuns(position, length)}
        assert families == {EMOJI_FAMILY}, (emoji, families)
    assert editor.font().families()[-1] == EMOJI_FAMILY
    title = window.doc_model.index(0, 0).data()
    assert SYRIA in title
    assert EMOJI_FAMILY in _families_drawing(window.doc_panel.font(), title)


def test_the_fallback_never_draws_spaces_or_digits(qapp) -> None:  # type: ignore[no-untyped-def]
    # Noto Emoji has a space and digits (for keycaps): with an alias such as
    # "Sans Serif" first, Qt made it the primary font and Arabic words drifted apart.
    load_fonts()
    alias = QtGui.QFont("Sans Serif", 10)
    phrase = "قبول كل الاقتراحات 2025 #1"
    fallback = with_emoji(alias)
    assert EMOJI_FAMILY not in _families_drawing(fallback, phrase)
    assert QtGui.QFontMetrics(fallback).horizontalAdvance(phrase) == QtGui.QFontMetrics(
        alias
    ).horizontalAdvance(phrase)
    assert EMOJI_FAMILY not in _families_drawing(QtWidgets.QApplication.font(), phrase)
    assert EMOJI_FAMILY not in _families_drawing(editor_font(14), phrase)
