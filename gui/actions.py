"""Every action's text and shortcuts in one table, and the one factory that makes actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

SK = QtGui.QKeySequence.StandardKey


@dataclass(frozen=True)
class Shortcut:
    """An action's name, menu text, key sequences and help text."""

    text: str
    keys: tuple[str | QtGui.QKeySequence.StandardKey, ...] = ()
    tip: str = ""
    editor_only: bool = False  # single keys (digits, Tab, Enter...) act only in the editor


# The shortcut table: the README's keyboard table is generated from this.
SHORTCUTS: dict[str, Shortcut] = {
    "undo": Shortcut("&Undo", (SK.Undo,), "Undo the last edit in this document"),
    "redo": Shortcut("&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
    "next_span": Shortcut("Next span", ("Tab",), "Go to the next span in reading order", True),
    "prev_span": Shortcut("Previous span", ("Shift+Tab", "Backtab"), "Previous span", True),
    "accept": Shortcut(
        "&Accept", ("Return", "Enter", "Space"), "Accept the current suggestion", True
    ),
    "reject": Shortcut(
        "&Reject / delete",
        ("Delete", "Backspace"),
        "Reject the current suggestion, or delete the current accepted span",
        True,
    ),
    "accept_all": Shortcut("Accept a&ll suggestions", ("Ctrl+Shift+A",), "Accept every suggestion"),
    "start_back": Shortcut("Move start edge ←", ("Alt+Left",), "Move the start edge left", True),
    "start_fwd": Shortcut("Move start edge →", ("Alt+Right",), "Move the start edge right", True),
    "end_back": Shortcut("Move end edge ←", ("Alt+Shift+Left",), "Move the end edge left", True),
    "end_fwd": Shortcut("Move end edge →", ("Alt+Shift+Right",), "Move the end edge right", True),
    "start_back_word": Shortcut("Move start edge a word ←", ("Ctrl+Alt+Left",), "", True),
    "start_fwd_word": Shortcut("Move start edge a word →", ("Ctrl+Alt+Right",), "", True),
    "end_back_word": Shortcut("Move end edge a word ←", ("Ctrl+Alt+Shift+Left",), "", True),
    "end_fwd_word": Shortcut("Move end edge a word →", ("Ctrl+Alt+Shift+Right",), "", True),
    "propagate_doc": Shortcut(
        "Label all occurrences in this &document", ("Ctrl+L",), "As suggestions to review"
    ),
    "propagate_project": Shortcut(
        "Label all occurrences in the whole &project", ("Ctrl+Shift+L",), "As suggestions"
    ),
    "mark_done": Shortcut(
        "Mark &done and open next", ("Ctrl+Return", "Ctrl+Enter"), "Mark done, open the next"
    ),
    "find": Shortcut("&Find…", (SK.Find,), "Find text, ignoring diacritics and alef variants"),
    "zoom_in": Shortcut("Zoom &in", (SK.ZoomIn, "Ctrl+="), "Larger text"),
    "zoom_out": Shortcut("Zoom &out", (SK.ZoomOut,), "Smaller text"),
    "snap": Shortcut("&Snap selections to words", ("Ctrl+Shift+S",), "Hold Alt to skip snapping"),
    "show_rejected": Shortcut("Show &rejected suggestions", ("Ctrl+Shift+R",), ""),
    "suggest": Shortcut("&Suggest entities", ("Ctrl+Shift+G",), "Run the recommenders now"),
    "recommender_settings": Shortcut(
        "&Recommender settings…", (), "Switch recommenders on or off, set minimum scores"
    ),
    "retrain": Shortcut(
        "Retrain the project &model now", (), "Learn from the documents marked done"
    ),
    "import": Shortcut("&Import…", ("Ctrl+I",), "Import text, JSONL, CoNLL, brat or Label Studio"),
    "export": Shortcut("&Export…", ("Ctrl+E",), "Export annotations as CoNLL, JSONL, brat…"),
    "quit": Shortcut("&Quit", (SK.Quit,), ""),
}
for _key in range(1, 10):
    SHORTCUTS[f"label_{_key}"] = Shortcut(
        f"Label {_key}", (str(_key),), "Label the selection or relabel the current span", True
    )
    SHORTCUTS[f"label_exact_{_key}"] = Shortcut(
        f"Label {_key} without snapping", (f"Alt+{_key}",), "", True
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
    act = action or QtGui.QAction(text or spec.text, parent)
    act.setObjectName(name)
    act.setShortcuts(key_sequences(name))
    if spec.tip:
        act.setStatusTip(spec.tip)
        act.setToolTip(f"{act.text().replace('&', '')} ({', '.join(_readable(name))})")
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


def _readable(name: str) -> list[str]:
    return [
        seq.toString(QtGui.QKeySequence.SequenceFormat.NativeText)
        for seq in key_sequences(name)
        if not seq.isEmpty()
    ]


def shortcut_table() -> str:
    """The keyboard shortcuts as a markdown table (for the README and the Help menu)."""
    lines = ["| Keys | Action |", "| --- | --- |"]
    for name, spec in SHORTCUTS.items():
        if name.startswith("label_exact_") and name != "label_exact_1":
            continue
        if name.startswith("label_") and name not in ("label_1", "label_exact_1"):
            continue
        if not spec.keys:
            continue
        keys = " / ".join(f"`{k}`" for k in _readable(name))
        text = spec.text.replace("&", "").replace("…", "")
        if name == "label_1":
            keys, text = (
                "`1` … `9`",
                "Label the selection, or relabel (and accept) the current span",
            )
        if name == "label_exact_1":
            keys, text = "`Alt+1` … `Alt+9`", "Label the exact selection, without snapping"
        lines.append(f"| {keys} | {text} |")
    return "\n".join(lines)
