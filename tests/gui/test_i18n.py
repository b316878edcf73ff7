"""The Arabic interface: complete translations, a mirrored window, digits, keys that still
follow the screen, the shortcut help, and the first-run and preferences dialogs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from core.settings import load_config
from gui import i18n
from gui.actions import SHORTCUTS, key_sequences
from tests.gui.conftest import make_project

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
RTL = QtCore.Qt.LayoutDirection.RightToLeft
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def arabic(qapp) -> Iterator[i18n.Interface]:  # type: ignore[no-untyped-def]
    """The Arabic interface with Arabic-Indic digits, for one test."""
    used = i18n.install(qapp, i18n.Interface("ar", "arabic"))
    assert used.language == "ar", "the Arabic translation could not be compiled"
    yield used
    i18n.install(qapp, i18n.Interface("en", "western"))


# -- the translation files -------------------------------------------------------
@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_ts_message_is_translated(language: str) -> None:
    ts = i18n.TS_DIR / f"tawsim_{language}.ts"
    assert i18n.read_ts(ts)
    found = i18n.problems(ts, language)
    assert not found, "\n".join(found)


def _ts(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "tawsim_ar.ts"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="ar"><context><name>Ctx</name>'
        f"{body}</context></TS>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<message><source>Open</source><translation></translation></message>", "missing"),
        (
            '<message><source>Open</source><translation type="unfinished">فتح</translation>'
            "</message>",
            "unfinished",
        ),
        ("<message><source>Open</source><translation>Open</translation></message>", "same as"),
        (
            '<message numerus="yes"><source>%n file(s)</source><translation>'
            "<numerusform>ملف</numerusform><numerusform>ملفات</numerusform>"
            "</translation></message>",
            "plural forms",
        ),
    ],
)
def test_the_translation_check_catches_each_gap(tmp_path: Path, body: str, reason: str) -> None:
    found = i18n.problems(_ts(tmp_path, body), "ar")
    assert len(found) == 1 and reason in found[0], found


def test_an_obsolete_only_translation_counts_as_missing(tmp_path: Path) -> None:
    body = '<message><source>Open</source><translation type="vanished">فتح</translation></message>'
    assert i18n.read_ts(_ts(tmp_path, body)) == []  # so the source-string test reports it new


def test_allowed_same_as_source_entries_have_reasons_and_exist() -> None:
    allowed = i18n.same_as_source()
    assert allowed and all(allowed.values())
    shipped = {(m.context, m.source) for m in i18n.read_ts(i18n.TS_DIR / "tawsim_ar.ts")}
    assert set(allowed) <= shipped, set(allowed) - shipped  # no stale entries


def test_code_comments_do_not_reach_translators() -> None:
    for language in ("ar", "en"):
        text = (i18n.TS_DIR / f"tawsim_{language}.ts").read_text(encoding="utf-8")
        assert "<extracomment>" not in text


def test_every_source_string_has_a_translation(tmp_path: Path) -> None:
    """lupdate over gui/ now: a string added without a translation fails here."""
    fresh = tmp_path / "fresh.ts"
    i18n.extract(fresh, language="ar")
    extracted = {(m.context, m.source) for m in i18n.read_ts(fresh)}
    assert len(extracted) > 100
    shipped = {(m.context, m.source) for m in i18n.read_ts(i18n.TS_DIR / "tawsim_ar.ts")}
    done = {(m.context, m.source) for m in i18n.read_ts(i18n.TS_DIR / "tawsim_ar.ts") if m.finished}
    new = sorted(extracted - shipped)
    assert not new, f"run `python -m gui.i18n update` and translate: {new}"
    assert extracted <= done


def test_plural_forms_and_placeholders_survive_translation() -> None:
    for m in i18n.read_ts(i18n.TS_DIR / "tawsim_ar.ts"):
        names = set(re.findall(r"\{(\w+)\}", m.source))
        for form in m.translations:
            if m.numerus:
                assert len(m.translations) == 6, m.source  # Arabic has six plural forms
                continue  # a form may leave the number out ("اقتراح جديد واحد")
            assert set(re.findall(r"\{(\w+)\}", form)) == names, (m.source, form)
            assert form.count("&") <= m.source.count("&"), (m.source, form)


def test_compiled_translation_is_rebuilt_when_older(data_dir: Path) -> None:
    qm = i18n.compiled("ar")
    assert qm is not None and qm.parent == i18n.qm_dir()
    assert str(data_dir) in str(qm)  # the user's folder, never the repository
    stamp = qm.stat().st_mtime
    old = (i18n.TS_DIR / "tawsim_ar.ts").stat().st_mtime - 10
    import os

    os.utime(qm, (old, old))
    again = i18n.compiled("ar")
    assert again == qm and qm.stat().st_mtime >= stamp - 1


def test_without_lrelease_the_interface_falls_back_to_english(
    qapp, data_dir, monkeypatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(i18n, "lrelease", lambda: None)
    with caplog.at_level("WARNING"):
        used = i18n.install(qapp, i18n.Interface("ar", "arabic"))
    try:
        assert used.language == "en"
        assert qapp.layoutDirection() == QtCore.Qt.LayoutDirection.LeftToRight
        assert "lrelease" in caplog.text
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))


def test_system_locale_is_the_default(data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(i18n, "system_language", lambda: "ar")
    assert i18n.preferences() == i18n.Interface("ar", "arabic")
    i18n.save_preferences(language="en", digits="arabic")
    assert i18n.preferences() == i18n.Interface("en", "arabic")


# -- the Arabic window ------------------------------------------------------------
def test_arabic_window_is_mirrored_and_translated(qapp, arabic, project, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(project)
    assert qapp.layoutDirection() == RTL
    assert window.layoutDirection() == RTL
    for widget in (window.menuBar(), window.label_bar, window.doc_panel, window.entity_panel):
        assert widget.layoutDirection() == RTL
    # Dock areas are physical: the document list moves to the right, where reading starts.
    assert window.dockWidgetArea(window.doc_dock) == QtCore.Qt.DockWidgetArea.RightDockWidgetArea
    assert window.dockWidgetArea(window.entity_dock) == QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
    a = window.actions_by_name
    for name in ("accept", "reject", "accept_all", "suggest", "mark_done", "import", "export"):
        assert ARABIC.search(a[name].text()), (name, a[name].text())
        assert not re.search("[A-Za-z]{3}", a[name].text().replace("JSONL", "")), a[name].text()
    titles = [m.title() for m in window.menuBar().findChildren(QtWidgets.QMenu)]
    assert all(ARABIC.search(t) for t in titles if t), titles
    assert window.doc_dock.windowTitle() == "الوثائق"
    assert window.entity_dock.windowTitle() == "الكيانات"
    # Qt's own strings (undo) come from qtbase's Arabic translation.
    assert ARABIC.search(a["undo"].text())
    # Numbers: Arabic-Indic in the status bar and the panels; labels by their Arabic names.
    assert re.search("[٠-٩]", window.progress_label.text())
    assert not re.search("[0-9]", window.progress_label.text())
    count = window.doc_model.index(0, 3).data()
    assert count and all("٠" <= ch <= "٩" for ch in count)
    labels = {window.span_model.index(r, 1).data() for r in range(window.span_model.rowCount())}
    assert labels <= {label.ar for label in project.labels}
    assert ARABIC.search(window.label_bar.buttons["PERS"].text())


def test_next_and_previous_icons_point_the_way_arabic_reads(
    qapp, arabic, project, make_window
) -> None:  # type: ignore[no-untyped-def]
    from gui.widgets.icons import reading_arrow

    window = make_window(project)
    style = window.style()
    left = style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_ArrowLeft)
    right = style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_ArrowRight)

    def same(a, b) -> bool:  # type: ignore[no-untyped-def]
        return a.pixmap(16).toImage() == b.pixmap(16).toImage()

    assert same(window.actions_by_name["next_span"].icon(), left)
    assert same(window.actions_by_name["prev_span"].icon(), right)
    ltr = QtWidgets.QWidget()
    ltr.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)
    assert same(reading_arrow(True, ltr), right)


def test_edge_keys_follow_the_screen_in_the_mirrored_window(
    qtbot, arabic, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    text = "قال التحالف الدولي إن الوضع مستقر.\nThe Security Council met in New York."
    project = make_project(tmp_path / "p", [("mixed", text)])
    window = make_window(project, auto_suggest=False)
    editor = window.editor
    doc = window.current.doc_id

    def shown() -> str:
        span = project.layer(doc).get(editor.current_span.id)
        return text[span.start : span.end]

    start = text.index("التحالف")
    editor.select_range(start, start + len("التحالف"))
    qtbot.keyClick(editor, Key.Key_3)
    # Arabic paragraph: Left goes on in the text, as on screen, whatever the UI direction.
    qtbot.keyClick(editor, Key.Key_Left, Mod.AltModifier | Mod.ShiftModifier | Mod.ControlModifier)
    assert shown() == "التحالف الدولي"
    qtbot.keyClick(editor, Key.Key_Left, Mod.AltModifier)
    assert shown() == "لتحالف الدولي"
    start = text.index("Security")
    editor.select_range(start, start + len("Security"))
    qtbot.keyClick(editor, Key.Key_3)
    # English paragraph: Right goes on in the text.
    qtbot.keyClick(editor, Key.Key_Right, Mod.AltModifier | Mod.ShiftModifier | Mod.ControlModifier)
    assert shown() == "Security Council"
    qtbot.keyClick(editor, Key.Key_Right, Mod.AltModifier)
    assert shown() == "ecurity Council"
    # Tab still walks spans in reading order.
    put = text.index("قال")
    editor.select_range(put, put)
    qtbot.keyClick(editor, Key.Key_Tab)
    assert shown() == "لتحالف الدولي"


def test_digits_follow_the_choice(qapp, project) -> None:  # type: ignore[no-untyped-def]
    from gui.models.documents import DocumentListModel

    try:
        i18n.install(qapp, i18n.Interface("ar", "western"))
        assert i18n.number(1234) == "1234"
        assert i18n.number(0.5, 2) == "0.50"
        i18n.install(qapp, i18n.Interface("en", "arabic"))
        assert i18n.number(1234) == "١٢٣٤"
        assert i18n.number(0.5, 2) == "٠٫٥٠"
        model = DocumentListModel(project)
        assert model.index(0, 2).data() == "٠"
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))
    assert i18n.number(12) == "12"


# -- help -------------------------------------------------------------------------
def test_shortcut_help_lists_every_action_with_a_shortcut(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from gui.widgets.help import ShortcutHelp

    help_panel = ShortcutHelp(window)
    qtbot.addWidget(help_panel)
    with_keys = {name for name in SHORTCUTS if key_sequences(name)}
    assert help_panel.listed_actions() == with_keys
    keys_column = [help_panel.table.item(r, 0).text() for r in range(help_panel.table.rowCount())]
    for row, shown in zip(help_panel.rows, keys_column, strict=True):
        first = key_sequences(row.names[0])[0].toString(
            key_sequences(row.names[0])[0].SequenceFormat.NativeText
        )
        assert first in shown
    # and every window action with keys is one the help lists, with the same keys
    for name, action in window.actions_by_name.items():
        if name in SHORTCUTS and action.shortcuts():
            assert name in with_keys
            assert action.shortcuts() == key_sequences(name)


def test_f1_and_question_mark_open_the_help(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from gui.widgets.help import ShortcutHelp

    def shown() -> ShortcutHelp | None:
        found = window.findChild(ShortcutHelp, "shortcut_help")
        return found if found is not None and found.isVisible() else None

    qtbot.keyClick(window.editor, Key.Key_F1)
    qtbot.waitUntil(lambda: shown() is not None, timeout=2000)
    shown().close()
    qtbot.waitUntil(lambda: shown() is None, timeout=2000)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Key.Key_Question)
    qtbot.waitUntil(lambda: shown() is not None, timeout=2000)
    # search narrows the list
    panel = shown()
    panel.search.setText("Tab")
    visible = [r for r in range(panel.table.rowCount()) if not panel.table.isRowHidden(r)]
    assert 0 < len(visible) < panel.table.rowCount()


def test_about_credits_libraries_and_data_with_licences(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from gui.widgets.about import credits

    dialog = window.interface.show_about()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for name in (
        "PySide6",
        "PyArabic",
        "TinyDB",
        "platformdirs",
        "Babel",
        "python-crfsuite",
        "Noto Naskh Arabic",
        "ANERcorp",
        "Enab Baladi",
    ):
        assert name in text, name
    licences = {c.name.split()[0]: c.licence for c in credits()}
    assert licences["PyArabic"] == "GPL-3.0"
    assert "MIT" in licences["TinyDB"] and "BSD-3-Clause" in licences["Babel"]
    assert "LGPL-3.0" in licences["PySide6"]
    assert "Benajiba" in text


# -- first run and preferences ----------------------------------------------------------
def test_first_run_asks_name_and_language(qtbot, qapp, data_dir) -> None:  # type: ignore[no-untyped-def]
    from gui.widgets.first_run import FirstRunDialog

    try:
        i18n.install(qapp, i18n.Interface("en", "western"))
        dialog = FirstRunDialog(qapp, annotator="")
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "Welcome to Tawsim"
        dialog.name.setText("bad name!")
        qtbot.mouseClick(dialog.start_button, QtCore.Qt.MouseButton.LeftButton)
        assert dialog.error.isVisible() and dialog.result() == 0
        dialog.language.setCurrentIndex(dialog.language.findData("ar"))  # applies at once
        assert qapp.layoutDirection() == RTL
        assert dialog.windowTitle() == "مرحبًا بك في توسيم"
        assert ARABIC.search(dialog.start_button.text())
        dialog.name.setText("سلمى")
        qtbot.mouseClick(dialog.start_button, QtCore.Qt.MouseButton.LeftButton)
        assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
        assert dialog.save() == "سلمى"
        config = load_config()
        assert (config["annotator"], config["language"], config["digits"]) == (
            "سلمى",
            "ar",
            "arabic",
        )
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))


def test_first_run_then_sample_project_with_a_hint(qtbot, qapp, data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui import app as app_module
    from gui.widgets.first_run import FirstRunDialog

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.json").write_text("{}", encoding="utf-8")
    seen: dict[str, object] = {}

    def fake_exec(dialog: FirstRunDialog) -> int:
        dialog.name.setText("noura")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog._accept()  # noqa: SLF001 - the Start button's slot
        return int(dialog.result())

    def fake_app_exec() -> int:
        window = next(
            w for w in qapp.topLevelWidgets() if w.objectName() == "main_window" and w.isVisible()
        )
        seen["title"] = window.windowTitle()
        hint = window.findChild(QtWidgets.QLabel, "first_steps")
        seen["hint"] = hint.text()
        window.statusBar().clearMessage()  # "Finding entities…" done: the hint shows
        seen["hint_shown"] = not hint.isHidden()
        seen["docs"] = window.doc_model.rowCount()
        window.close()
        return 0

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    monkeypatch.setattr(qapp, "exec", fake_app_exec)
    try:
        assert app_module.run() == 0
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))
    assert "Sample" in str(seen["title"]) and seen["docs"] == 1
    assert "Tab" in str(seen["hint"]) and "Enter" in str(seen["hint"])
    assert seen["hint_shown"]
    assert load_config()["annotator"] == "noura"


def test_preferences_save_language_and_digits(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.interface.edit_preferences()
    qtbot.addWidget(dialog)
    assert "restart" in dialog.findChild(QtWidgets.QLabel, "pref_note").text()
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    dialog.digits.setCurrentIndex(dialog.digits.findData("western"))
    dialog.accept()
    config = load_config()
    assert (config["language"], config["digits"]) == ("ar", "western")
    assert "restart" in window.statusBar().currentMessage()
    assert not window.restart_requested


def test_restart_now_reopens_the_project_in_the_new_language(
    qtbot, qapp, data_dir, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from gui import app as app_module

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.json").write_text(
        '{"annotator": "tester", "language": "en", "digits": "western"}', encoding="utf-8"
    )
    windows: list[QtWidgets.QMainWindow] = []

    def fake_app_exec() -> int:
        window = next(
            w for w in qapp.topLevelWidgets() if w.objectName() == "main_window" and w.isVisible()
        )
        windows.append(window)
        if len(windows) == 1:
            dialog = window.interface.edit_preferences()
            dialog.language.setCurrentIndex(dialog.language.findData("ar"))
            dialog.restart_button.click()  # "Save and restart now"
            qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
            assert window.restart_requested
        else:
            assert window.layoutDirection() == RTL
            assert window.doc_dock.windowTitle() == "الوثائق"
            window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_app_exec)
    try:
        assert app_module.run() == 0
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))
    assert len(windows) == 2
    assert load_config()["language"] == "ar"
