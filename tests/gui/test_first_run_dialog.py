"""The first-run dialog and what follows it: texts, buttons, the hint and the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6 import QtCore, QtWidgets

from gui import i18n
from gui.widgets.first_run import FirstRunDialog, show_first_steps

Key = QtCore.Qt.Key


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The English interface before and after the test, whatever the dialog switched to."""
    i18n.install(qapp, i18n.Interface("en", "western"))
    yield
    i18n.install(qapp, i18n.Interface("en", "western"))


def _shown_texts(dialog: QtWidgets.QDialog) -> str:
    texts = [
        w.text()
        for w in dialog.findChildren(QtWidgets.QWidget)
        if isinstance(w, QtWidgets.QLabel | QtWidgets.QAbstractButton) and w.isVisible()
    ]
    return "\n".join(texts)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_started_on_a_project_the_dialog_never_offers_the_sample(
    qtbot, qapp, english, language
) -> None:  # type: ignore[no-untyped-def]
    i18n.install(qapp, i18n.Interface(language, "western"))
    dialog = FirstRunDialog(qapp, annotator="sara", project_given=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = _shown_texts(dialog).casefold()
    assert "sample" not in shown and "نموذج" not in shown and "التجريبي" not in shown, shown
    assert not dialog.start_sample.isVisible() and not dialog.start_new.isVisible()
    assert dialog.start_choice() == "sample"  # the given project opens; nothing is asked
    # without a project the choice is there
    other = FirstRunDialog(qapp, annotator="sara")
    qtbot.addWidget(other)
    other.show()
    assert other.start_sample.isVisible() and other.start_new.isVisible()


def test_the_buttons_keep_their_words_after_a_language_change(qtbot, qapp, english) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog(qapp, annotator="sara")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start_button.text() == "&Start"
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    qapp.processEvents()  # the LanguageChange events, which reset standard buttons
    start, quit_ = dialog.start_button.text(), dialog.quit_button.text()
    assert start.replace("&", "") == "ابدأ", start
    assert quit_.replace("&", "") == "خروج", quit_
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qapp.processEvents()
    assert dialog.start_button.text() == "&Start"
    # Enter starts (the default button), Escape quits
    qtbot.keyClick(dialog.name, Key.Key_Return)
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted


def test_a_bad_name_is_quoted_in_its_own_direction(qtbot, qapp, english) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog(qapp, annotator="سارة أحمد")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.start_button, QtCore.Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert "\u2068سارة أحمد\u2069" in dialog.error.text()


def test_after_the_dialog_the_editor_has_the_keyboard(qtbot, qapp, english, project) -> None:  # type: ignore[no-untyped-def]
    from gui.main_window import MainWindow
    from tests.gui.conftest import FakeRecommender

    dialog = FirstRunDialog(qapp, annotator="sara")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.accept()
    window = MainWindow(project, recommender_factory=lambda _p: FakeRecommender())
    qtbot.addWidget(window)
    window.show()  # no activateWindow, no setFocus: the window takes the keyboard itself
    hint = show_first_steps(window).label  # as app.run does, while suggestions are coming
    qtbot.waitUntil(window.editor.hasFocus, timeout=3000)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert window.workspace.undo_group.activeStack().index() == 1  # the suggestions' command
    window.statusBar().clearMessage()
    assert hint.isVisible()  # which is no edit of the annotator's: the hint stays
    focused = QtWidgets.QApplication.focusWidget()
    qtbot.keyClick(focused, Key.Key_Tab)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Key.Key_Return)
    accepted = [s for s in window.current.spans() if s.status == "accepted"]
    assert len(accepted) == 1
    assert not hint.isVisible()  # the first edit: the hint goes


def test_the_hint_never_sits_under_a_message(qtbot, qapp, english, project) -> None:  # type: ignore[no-untyped-def]
    from gui.main_window import MainWindow

    window = MainWindow(project, recommender_factory=lambda _p: [], auto_suggest=False)
    qtbot.addWidget(window)
    hint = show_first_steps(window).label  # the window is still coming up
    bar = window.statusBar()
    bar.showMessage("Finding entities…")
    window.show()
    qtbot.waitExposed(window)
    assert not hint.isVisible()  # Qt drew the message over it
    bar.clearMessage()
    assert hint.isVisible()
    bar.showMessage("74 new suggestions")
    assert not hint.isVisible()
