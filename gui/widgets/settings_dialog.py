"""Document > Recommender settings…: switch each recommender on or off, set its minimum score."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.extract.batch import RECOMMENDERS
from core.extract.pipeline import DEFAULT_MIN_SCORE

#: what each recommender is, in the interface language (core's RECOMMENDERS in English)
RECOMMENDER_TEXT = {
    "gazetteer": QT_TRANSLATE_NOOP(
        "RecommenderSettingsDialog", "Name lists: country, city, organisation and person names"
    ),
    "rules": QT_TRANSLATE_NOOP(
        "RecommenderSettingsDialog",
        "Rules: people after titles, organisations and places after trigger nouns",
    ),
    "memory": QT_TRANSLATE_NOOP(
        "RecommenderSettingsDialog",
        "Project memory: what you accepted and rejected in this project",
    ),
    "crf": QT_TRANSLATE_NOOP(
        "RecommenderSettingsDialog",
        "Statistical model (CRF); the project's own once it errs less than the default",
    ),
    "latin": QT_TRANSLATE_NOOP(
        "RecommenderSettingsDialog",
        "Latin-script names: capitalised names, English places, acronyms",
    ),
}


class RecommenderSettingsDialog(QtWidgets.QDialog):
    """One row per recommender: a switch and a minimum score."""

    def __init__(
        self, settings: dict[str, dict[str, Any]], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recommender_settings")
        self.setWindowTitle(self.tr("Recommender settings"))
        self.switches: dict[str, QtWidgets.QCheckBox] = {}
        self.scores: dict[str, QtWidgets.QDoubleSpinBox] = {}
        grid = QtWidgets.QGridLayout()
        grid.addWidget(QtWidgets.QLabel(self.tr("<b>Recommender</b>")), 0, 0)
        grid.addWidget(QtWidgets.QLabel(self.tr("<b>Minimum score</b>")), 0, 1)
        for row, (name, entry) in enumerate(settings.items(), 1):
            text = self.tr(RECOMMENDER_TEXT[name]) if name in RECOMMENDER_TEXT else None
            switch = QtWidgets.QCheckBox(
                text or RECOMMENDERS.get(name, name), objectName=f"use_{name}"
            )
            switch.setChecked(bool(entry.get("enabled", True)))
            switch.setToolTip(self.tr("Suggestions from “{name}”").format(name=name))
            score = QtWidgets.QDoubleSpinBox(objectName=f"min_score_{name}")
            score.setRange(0.0, 1.0)
            score.setSingleStep(0.05)
            score.setDecimals(2)
            score.setValue(float(entry.get("min_score", DEFAULT_MIN_SCORE)))
            score.setToolTip(self.tr("Suggestions scoring below this are not shown"))
            switch.toggled.connect(score.setEnabled)
            score.setEnabled(switch.isChecked())
            grid.addWidget(switch, row, 0)
            grid.addWidget(score, row, 1, QtCore.Qt.AlignmentFlag.AlignRight)
            self.switches[name] = switch
            self.scores[name] = score
        grid.setColumnStretch(0, 1)
        note = QtWidgets.QLabel(
            self.tr(
                "Settings apply to the next suggestions (Document › Suggest entities runs them "
                "now). What you accepted or rejected is never changed."
            )
        )
        note.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
            | QtWidgets.QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        self.ok_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("settings_ok")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def restore_defaults(self) -> None:
        """Every recommender on, at the default minimum score."""
        for name, switch in self.switches.items():
            switch.setChecked(True)
            self.scores[name].setValue(DEFAULT_MIN_SCORE)

    def values(self) -> dict[str, dict[str, Any]]:
        """The settings as chosen."""
        return {
            name: {"enabled": switch.isChecked(), "min_score": round(self.scores[name].value(), 2)}
            for name, switch in self.switches.items()
        }
