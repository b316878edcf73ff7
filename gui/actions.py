"""Every action's text and shortcuts in one table, and the one factory that makes actions."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QT_TRANSLATE_NOOP

SK = QtGui.QKeySequence.StandardKey


@dataclass(frozen=True)
class Shortcut:
    """An action's name, menu text, key sequences and help text."""

    text: str
    keys: tuple[str | QtGui.QKeySequence.StandardKey, ...] = ()
    tip: str = ""
    editor_only: bool = False  # single keys (digits, Tab, Enter...) act only in the editor
    arg: str = ""  # fills ``{key}`` in the text (the label and pick actions)

    def title(self, *, translated: bool = True) -> str:
        """The menu text, in the interface language unless ``translated`` is False."""
        text = QtCore.QCoreApplication.translate("Shortcut", self.text) if translated else self.text
        return text.format(key=self.arg) if "{key}" in text else text

    def help(self, *, translated: bool = True) -> str:
        """The help text (status tip), in the interface language unless ``translated`` is False."""
        if not self.tip or not translated:
            return self.tip
        return QtCore.QCoreApplication.translate("Shortcut", self.tip)


# The shortcut table: the README's keyboard table is generated from this.
SHORTCUTS: dict[str, Shortcut] = {
    "undo": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Undo"),
        (SK.Undo,),
        QT_TRANSLATE_NOOP("Shortcut", "Undo the last edit in this document"),
    ),
    "redo": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Redo"),
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        QT_TRANSLATE_NOOP("Shortcut", "Redo"),
    ),
    "next_span": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Next span"),
        ("Tab",),
        QT_TRANSLATE_NOOP("Shortcut", "Go to the next span in reading order"),
        True,
    ),
    "prev_span": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Previous span"),
        ("Shift+Tab", "Backtab"),
        QT_TRANSLATE_NOOP("Shortcut", "Previous span"),
        True,
    ),
    "accept": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Accept"),
        ("Return", "Enter", "Space"),
        QT_TRANSLATE_NOOP("Shortcut", "Accept the current suggestion"),
        True,
    ),
    "reject": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Reject / delete"),
        ("Delete", "Backspace"),
        QT_TRANSLATE_NOOP(
            "Shortcut", "Reject the current suggestion, or delete the current accepted span"
        ),
        True,
    ),
    "accept_all": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Accept a&ll suggestions"),
        ("Ctrl+Shift+A",),
        QT_TRANSLATE_NOOP("Shortcut", "Accept every open suggestion in this document"),
    ),
    "start_back": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move start edge ←"),
        ("Alt+Left",),
        QT_TRANSLATE_NOOP("Shortcut", "Move the start edge left"),
        True,
    ),
    "start_fwd": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move start edge →"),
        ("Alt+Right",),
        QT_TRANSLATE_NOOP("Shortcut", "Move the start edge right"),
        True,
    ),
    "end_back": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move end edge ←"),
        ("Alt+Shift+Left",),
        QT_TRANSLATE_NOOP("Shortcut", "Move the end edge left"),
        True,
    ),
    "end_fwd": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move end edge →"),
        ("Alt+Shift+Right",),
        QT_TRANSLATE_NOOP("Shortcut", "Move the end edge right"),
        True,
    ),
    "start_back_word": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move start edge a word ←"),
        ("Ctrl+Alt+Left",),
        "",
        True,
    ),
    "start_fwd_word": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move start edge a word →"),
        ("Ctrl+Alt+Right",),
        "",
        True,
    ),
    "end_back_word": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move end edge a word ←"),
        ("Ctrl+Alt+Shift+Left",),
        "",
        True,
    ),
    "end_fwd_word": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Move end edge a word →"),
        ("Ctrl+Alt+Shift+Right",),
        "",
        True,
    ),
    "propagate_doc": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Label all occurrences in this &document"),
        ("Ctrl+L",),
        QT_TRANSLATE_NOOP("Shortcut", "As suggestions to review"),
    ),
    "propagate_project": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Label all occurrences in the whole &project"),
        ("Ctrl+Shift+L",),
        QT_TRANSLATE_NOOP("Shortcut", "As suggestions"),
    ),
    "mark_done": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Mark &done and open next"),
        ("Ctrl+Return", "Ctrl+Enter"),
        QT_TRANSLATE_NOOP("Shortcut", "Mark done, open the next"),
    ),
    "next_document": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Next document"),
        ("Ctrl+PgDown",),
        QT_TRANSLATE_NOOP("Shortcut", "Open the next document in the list, marking nothing"),
    ),
    "prev_document": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Previous document"),
        ("Ctrl+PgUp",),
        QT_TRANSLATE_NOOP("Shortcut", "Open the previous document in the list, marking nothing"),
    ),
    "new_project": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&New project…"),
        (SK.New,),
        QT_TRANSLATE_NOOP("Shortcut", "Create a project: a folder, a label set, files to import"),
    ),
    "open_project": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Open project…"),
        (SK.Open,),
        QT_TRANSLATE_NOOP("Shortcut", "Open another project folder"),
    ),
    "labels": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Labels…"),
        ("Ctrl+Shift+K",),
        QT_TRANSLATE_NOOP("Shortcut", "Add, rename, recolour, reorder or remove labels"),
    ),
    "find": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Find…"),
        (SK.Find,),
        QT_TRANSLATE_NOOP("Shortcut", "Find text, ignoring diacritics and alef variants"),
    ),
    "zoom_in": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Zoom &in"),
        (SK.ZoomIn, "Ctrl+="),
        QT_TRANSLATE_NOOP("Shortcut", "Larger text"),
    ),
    "zoom_out": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Zoom &out"),
        (SK.ZoomOut,),
        QT_TRANSLATE_NOOP("Shortcut", "Smaller text"),
    ),
    "snap": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Snap selections to words"),
        ("Ctrl+Shift+S",),
        QT_TRANSLATE_NOOP("Shortcut", "Hold Alt to skip snapping"),
    ),
    "show_rejected": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Show &rejected suggestions"), ("Ctrl+Shift+R",), ""
    ),
    "suggest": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Suggest entities"),
        ("Ctrl+Shift+G",),
        QT_TRANSLATE_NOOP("Shortcut", "Run the recommenders now"),
    ),
    "recommender_settings": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Recommender settings…"),
        (),
        QT_TRANSLATE_NOOP("Shortcut", "Switch recommenders on or off, set minimum scores"),
    ),
    "retrain": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Retrain the project &model now"),
        (),
        QT_TRANSLATE_NOOP("Shortcut", "Learn from the documents marked done"),
    ),
    "import": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Import…"),
        ("Ctrl+I",),
        QT_TRANSLATE_NOOP("Shortcut", "Import text, JSONL, CoNLL, brat or Label Studio"),
    ),
    "export": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Export…"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Shortcut", "Export annotations as CoNLL, JSONL, brat…"),
    ),
    "quit": Shortcut(QT_TRANSLATE_NOOP("Shortcut", "&Quit"), (SK.Quit,), ""),
    "preferences": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Preferences…"),
        ("Ctrl+,",),
        QT_TRANSLATE_NOOP("Shortcut", "Interface language and digits"),
    ),
    "shortcuts": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Keyboard shortcuts"),
        ("F1", "?", "؟"),
        QT_TRANSLATE_NOOP("Shortcut", "List every keyboard shortcut"),
    ),
    "about": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&About Tawsim"),
        (),
        QT_TRANSLATE_NOOP("Shortcut", "Version, credits and licences"),
    ),
    # Teams (gui/teams): compare, sharing, curation, dashboard.
    "compare": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Compare with another annotator"),
        ("Ctrl+Shift+C",),
        QT_TRANSLATE_NOOP("Shortcut", "Overlay another layer"),
    ),
    "next_disagreement": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Next disagreement"),
        ("F8",),
        QT_TRANSLATE_NOOP("Shortcut", "In compare mode"),
    ),
    "prev_disagreement": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Previous disagreement"),
        ("Shift+F8",),
        QT_TRANSLATE_NOOP("Shortcut", "In compare mode"),
    ),
    "merge_layers": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "&Merge layers from…"),
        (),
        QT_TRANSLATE_NOOP("Shortcut", "Bring in layers from a project copy or a bundle"),
    ),
    "export_bundle": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Export my layers as &bundle…"),
        (),
        QT_TRANSLATE_NOOP("Shortcut", "A zip to send by mail"),
    ),
    "curation": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "C&uration"),
        ("Ctrl+Shift+U",),
        QT_TRANSLATE_NOOP("Shortcut", "Settle disagreements into gold"),
    ),
    "dashboard": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Statistics &dashboard"),
        ("Ctrl+Shift+D",),
        QT_TRANSLATE_NOOP("Shortcut", "Charts"),
    ),
    "curate_accept_agreed": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Accept all agreed"),
        ("A",),
        QT_TRANSLATE_NOOP("Shortcut", "Write the agreed spans into gold"),
        True,
    ),
    "curate_reject": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Reject (no span in gold)"),
        ("0", "Delete", "Backspace"),
        QT_TRANSLATE_NOOP("Shortcut", "In the curation view"),
        True,
    ),
    "curate_edit": Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Edit the version…"),
        ("E", "F2"),
        QT_TRANSLATE_NOOP("Shortcut", "In the curation view"),
        True,
    ),
}
for _key in range(1, 10):
    SHORTCUTS[f"curate_pick_{_key}"] = Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Pick version {key}"),
        (str(_key),),
        QT_TRANSLATE_NOOP("Shortcut", "In the curation view"),
        True,
        arg=str(_key),
    )
for _key in range(1, 10):
    SHORTCUTS[f"label_{_key}"] = Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Label {key}"),
        (str(_key),),
        QT_TRANSLATE_NOOP("Shortcut", "Label the selection or relabel the current span"),
        True,
        arg=str(_key),
    )
    SHORTCUTS[f"label_exact_{_key}"] = Shortcut(
        QT_TRANSLATE_NOOP("Shortcut", "Label {key} without snapping"),
        (f"Alt+{_key}",),
        "",
        True,
        arg=str(_key),
    )


def key_sequences(name: str) -> list[QtGui.QKeySequence]:
    """The key sequences of one action in the table."""
    out: list[QtGui.QKeySequence] = []
    for key in SHORTCUTS[name].keys:
        if isinstance(key, str):
            out.append(QtGui.QKeySequence(key))
        else:
            out.extend(QtGui.QKeySequence.keyBindings(key))
    return out


def make_action(
    parent: QtCore.QObject,
    name: str,
    slot: Callable[..., object] | None = None,
    *,
    text: str | None = None,
    checkable: bool = False,
    action: QtGui.QAction | None = None,
) -> QtGui.QAction:
    """Create (or configure) an action from the shortcut table.

    Editor-only shortcuts are scoped to the parent widget and its children so
    that typing a digit in a search field never labels anything.
    """
    spec = SHORTCUTS[name]
    act = action or QtGui.QAction(text or spec.title(), parent)
    act.setObjectName(name)
    act.setShortcuts(key_sequences(name))
    if spec.tip:
        act.setStatusTip(spec.help())
        act.setToolTip(tool_tip(act.text(), _readable(name)))
    act.setCheckable(checkable)
    if spec.editor_only:
        act.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
    else:
        act.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
    if isinstance(parent, QtWidgets.QWidget):
        parent.addAction(act)
    if slot is not None:
        if checkable:
            act.toggled.connect(slot)
        else:
            act.triggered.connect(lambda _checked=False: slot())
    return act


K = QtCore.Qt.Key
# Keys a standard binding brings along that no annotator types: media and
# "function" keys of some keyboards (Sun's F14 undo), and Qt's own names.
_INTERNAL = {K.Key_Undo, K.Key_Redo, K.Key_Find, K.Key_ZoomIn, K.Key_ZoomOut, K.Key_New}
_INTERNAL |= {K.Key_Open, K.Key_Backtab, K.Key_Copy, K.Key_Paste, K.Key_Cut, K.Key_Help}


def _readable(name: str) -> list[str]:
    """The keys of an action in the table as a person types them."""
    return _typed(key_sequences(name))


def _typed(sequences: list[QtGui.QKeySequence]) -> list[str]:
    """Key sequences as a person types them: each once, none a keyboard's extra."""
    out: list[str] = []
    for seq in sequences:
        if seq.isEmpty():
            continue
        key = seq[0].key()
        if key in _INTERNAL or K.Key_F13 <= key <= K.Key_F35:
            continue
        text = key_text(seq)
        if text not in out:
            out.append(text)
    return out


def key_text(seq: QtGui.QKeySequence) -> str:
    """A key sequence as the keycaps print it: ``Ctrl++``, ``Alt+Left``, in any interface.

    Portable text, never translated: Qt's Arabic catalogue names only some keys
    (``اليسار+Alt`` beside ``Ctrl``, ``Shift``, ``Tab``, ``Return``), while the
    keyboards Arabic annotators use print Latin key names. One vocabulary
    everywhere reads better than a mix. On macOS the native text (⌘⇧Z) is what
    the keycaps print, and portable "Ctrl" would name the wrong key.
    """
    if sys.platform == "darwin":  # pragma: no cover - untested platform
        return seq.toString(QtGui.QKeySequence.SequenceFormat.NativeText)
    return seq.toString(QtGui.QKeySequence.SequenceFormat.PortableText)


def action_keys(action: QtGui.QAction) -> list[str]:
    """An action's keys as a person types them (each once, no keyboard's extras)."""
    return _typed(action.shortcuts())


def ltr(text: str) -> str:
    """Text that reads left to right wherever it is shown (a key sequence in Arabic)."""
    return f"\u2066{text}\u2069" if text else text


def tool_tip(text: str, keys: list[str]) -> str:
    """An action's tooltip: its text and its keys, each key once and left to right."""
    plain = text.replace("&", "")
    return f"{plain} ({', '.join(ltr(k) for k in keys)})" if keys else plain


class ShortcutMenu(QtWidgets.QMenu):
    """A menu whose shortcut column shows each action's first key, left to right.

    QMenu draws ``action.shortcut()`` as Qt's translated native text in the
    menu's direction, so an Arabic menu showed ``++Ctrl`` and ``اليسار+Alt``.
    The action keeps its key sequences (the key still works); only the text
    drawn in the column is ours: the portable key text in a left-to-right isolate.
    """

    def initStyleOption(
        self, option: QtWidgets.QStyleOptionMenuItem, action: QtGui.QAction
    ) -> None:
        super().initStyleOption(option, action)
        text, tab, _shown = option.text.partition("\t")
        if not tab or "\t" in action.text():
            return  # no shortcut, or a text that brings its own column
        keys = action_keys(action)
        option.text = f"{text}\t{ltr(keys[0])}" if keys else text


@dataclass(frozen=True)
class HelpRow:
    """One row of the shortcut help: the actions it covers, their keys and texts."""

    names: tuple[str, ...]
    keys: tuple[str, ...]
    text: str
    tip: str
    editor_only: bool


def shortcut_rows(*, translated: bool = True) -> list[HelpRow]:
    """Every action that has keys, in table order; numbered actions share one row (1 … 9)."""
    rows: list[HelpRow] = []
    groups: dict[str, list[str]] = {}
    for name, spec in SHORTCUTS.items():
        if spec.keys and spec.arg:
            groups.setdefault(name[: -len(spec.arg)], []).append(name)
    done: set[str] = set()
    for name, spec in SHORTCUTS.items():
        if not spec.keys or name in done:
            continue
        keys = _readable(name)
        if not keys:
            continue
        names = [name]
        text = spec.title(translated=translated)
        if spec.arg:
            names = groups[name[: -len(spec.arg)]]
            last = SHORTCUTS[names[-1]]
            keys = [f"{keys[0]} … {_readable(names[-1])[0]}"]
            template = QtCore.QCoreApplication.translate("Shortcut", spec.text)
            text = (template if translated else spec.text).format(key=f"{spec.arg}…{last.arg}")
        done.update(names)
        rows.append(
            HelpRow(
                names=tuple(names),
                keys=tuple(keys),
                text=text.replace("&", "").removesuffix("…"),
                tip=spec.help(translated=translated),
                editor_only=spec.editor_only,
            )
        )
    return rows


def shortcut_table() -> str:
    """The keyboard shortcuts as a markdown table, in English (for the README)."""
    lines = ["| Keys | Action | Notes |", "| --- | --- | --- |"]
    for row in shortcut_rows(translated=False):
        keys = " / ".join(f"`{k}`" for k in row.keys)
        lines.append(f"| {keys} | {row.text} | {row.tip} |")
    return "\n".join(lines)
