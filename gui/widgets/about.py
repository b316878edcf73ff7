"""Help › About Tawsim: the version, and the libraries and data it is built on, with licences."""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from gui.i18n import number
from gui.widgets.icons import app_icon


@dataclass(frozen=True)
class Credit:
    """One library or data set, what Tawsim uses it for, and its licence."""

    name: str
    use: str
    licence: str
    url: str


def installed_licence(distribution: str, fallback: str) -> str:
    """A package's licence from its installed metadata, else the fallback."""
    try:
        meta = metadata.metadata(distribution)
    except metadata.PackageNotFoundError:
        return fallback
    found = meta.get("License-Expression") or ""
    text = meta.get("License") or ""
    if not found and text and len(text) < 80 and "\n" not in text:
        found = text.strip()
    if not found:
        classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
        found = classifiers[0].rsplit("::", 1)[-1].strip() if classifiers else ""
    if found.upper() in ("GPL", "GNU GPL"):  # PyArabic says "GPL"; its LICENSE file says which
        found = _gpl_version(distribution) or found
    return found or fallback


def _gpl_version(distribution: str) -> str:
    for file in metadata.distribution(distribution).files or []:
        if file.name.upper().startswith(("LICENSE", "COPYING")):
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "GNU GENERAL PUBLIC LICENSE" in text and "Version 3" in text:
                return "GPL-3.0"
            if "GNU GENERAL PUBLIC LICENSE" in text and "Version 2" in text:
                return "GPL-2.0"
    return ""


def version(distribution: str) -> str:
    """An installed package's version, or an empty string."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def app_version() -> str:
    """Tawsim's version: installed metadata, else the source tree's pyproject.toml."""
    found = version("tawsim")
    if found:
        return found
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        import tomllib

        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, ValueError):
        return ""


def credits() -> list[Credit]:
    """Everything Tawsim ships or depends on, with licences read from the packages."""
    qt = f"PySide6 {version('PySide6-Essentials') or version('PySide6')} / Qt {QtCore.qVersion()}"
    return [
        Credit(
            qt,
            QtCore.QCoreApplication.translate("About", "the whole interface"),
            installed_licence("PySide6-Essentials", "LGPL-3.0"),
            "https://doc.qt.io/qtforpython-6/",
        ),
        Credit(
            f"PyArabic {version('PyArabic')}".strip(),
            QtCore.QCoreApplication.translate("About", "Arabic letters and diacritics"),
            installed_licence("PyArabic", "GPL-3.0"),
            "https://github.com/linuxscout/pyarabic",
        ),
        Credit(
            f"TinyDB {version('tinydb')}".strip(),
            QtCore.QCoreApplication.translate("About", "the project store"),
            installed_licence("tinydb", "MIT"),
            "https://github.com/msiemens/tinydb",
        ),
        Credit(
            f"platformdirs {version('platformdirs')}".strip(),
            QtCore.QCoreApplication.translate("About", "where settings and logs are kept"),
            installed_licence("platformdirs", "MIT"),
            "https://github.com/tox-dev/platformdirs",
        ),
        Credit(
            f"Babel {version('babel')}".strip(),
            QtCore.QCoreApplication.translate(
                "About", "Arabic names of countries and cities, from the Unicode CLDR"
            ),
            installed_licence("babel", "BSD-3-Clause")
            + QtCore.QCoreApplication.translate("About", "; CLDR data under the Unicode License"),
            "https://babel.pocoo.org/",
        ),
        Credit(
            f"python-crfsuite {version('python-crfsuite')} / CRFsuite".strip(),
            QtCore.QCoreApplication.translate("About", "the statistical model (CRF)"),
            installed_licence("python-crfsuite", "MIT")
            + QtCore.QCoreApplication.translate("About", "; CRFsuite: BSD"),
            "https://github.com/scrapinghub/python-crfsuite",
        ),
        Credit(
            "Noto Naskh Arabic",
            QtCore.QCoreApplication.translate("About", "the font of the document text"),
            "OFL-1.1",
            "https://github.com/notofonts/arabic",
        ),
        Credit(
            "Noto Emoji",
            QtCore.QCoreApplication.translate("About", "the emoji in documents and titles"),
            "OFL-1.1",
            "https://github.com/googlefonts/noto-emoji",
        ),
        Credit(
            "ANERcorp",
            QtCore.QCoreApplication.translate(
                "About",
                "the default model is trained on its training split. Benajiba, Rosso & "
                "Benedí (2007), ANERsys: an Arabic named entity recognition system based "
                "on maximum entropy",
            ),
            QtCore.QCoreApplication.translate("About", "for research use"),
            "https://camel.abudhabi.nyu.edu/anercorp/",
        ),
        Credit(
            QtCore.QCoreApplication.translate("About", "Enab Baladi (عنب بلدي)"),
            QtCore.QCoreApplication.translate("About", "the sample article, 27 May 2025"),
            QtCore.QCoreApplication.translate(
                "About", "© Enab Baladi; included as a sample with credit"
            ),
            "https://www.enabbaladi.net/",
        ),
    ]


class AboutDialog(QtWidgets.QDialog):
    """The version and the credits, with licences."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(self.tr("About Tawsim"))
        logo = QtWidgets.QLabel()
        logo.setPixmap(app_icon().pixmap(72, 72))
        own = app_version()
        shown = (
            ".".join(number(int(p)) if p.isdigit() else p for p in own.split(".")) if own else ""
        )
        line = self.tr("Version {version}").format(version=shown) if shown else ""
        name = self.tr("Tawsim · توسيم")
        title = QtWidgets.QLabel(
            f"<h2>{html.escape(name)}</h2><p>"
            + html.escape(self.tr("Named-entity annotation for Arabic text"))
            + (f"<br>{html.escape(line)}" if line else "")
            + "</p>"
        )
        top = QtWidgets.QHBoxLayout()
        top.addWidget(logo, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        top.addWidget(title, 1)
        self.browser = QtWidgets.QTextBrowser(objectName="about_credits")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(self.credits_html())
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(680, 560)

    def credits_html(self) -> str:
        """The credits as an HTML table."""
        rows = []
        for c in credits():
            url = html.escape(c.url, quote=True)
            rows.append(
                f"<tr><td><b><a href='{url}'>{html.escape(c.name)}</a></b></td>"
                f"<td>{html.escape(c.use)}</td><td>{html.escape(c.licence)}</td></tr>"
            )
        head = "<tr><th>{}</th><th>{}</th><th>{}</th></tr>".format(
            html.escape(self.tr("Built with")),
            html.escape(self.tr("Used for")),
            html.escape(self.tr("Licence")),
        )
        intro = html.escape(
            self.tr(
                "Tawsim is free software under the GNU GPL, version 3 or later (it builds on "
                "PyArabic, which is GPL-3.0). It is built on the work of these projects, "
                "whose licences apply to them:"
            )
        )
        return (
            f"<p>{intro}</p><table cellspacing='0' cellpadding='5' width='100%'>"
            + head
            + "".join(rows)
            + "</table>"
        )
