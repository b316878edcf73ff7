"""The interface language: translators, layout direction, digits, and the .ts/.qm tooling.

The translations' sources are ``resources/translations/tawsim_<lang>.ts``,
made by ``pyside6-lupdate`` over ``gui/`` (``python -m gui.i18n update``).
At startup the ``.qm`` files are compiled with ``lrelease`` into the user's
cache folder when missing or older than their ``.ts`` (they are never
committed). Without ``lrelease`` the interface stays in English and a warning
is logged.

English is the source language; ``tawsim_en.ts`` holds only the plural forms
of messages that count something. The preferences (``language``: ``ar`` or
``en``; ``digits``: ``arabic`` or ``western``) live in the user config
(core.settings), not in QSettings.

    python -m gui.i18n update    # run lupdate over gui/, then check
    python -m gui.i18n check     # list messages without a translation
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.bidi import strong_direction
from core.settings import Preferences, cache_dir, load_preferences
from core.settings import save_preferences as store_preferences

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
GUI_DIR = Path(__file__).resolve().parent
TS_DIR = ROOT / "resources" / "translations"
APP = "tawsim"
#: the interface languages, each named in itself
LANGUAGES = {"ar": "العربية", "en": "English"}
DIGITS = ("arabic", "western")
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_TO_ARABIC = str.maketrans("0123456789.", ARABIC_INDIC + "٫")
_ARABIC_DIGITS = str.maketrans("0123456789", ARABIC_INDIC)
_WESTERN_DIGITS = str.maketrans(ARABIC_INDIC, "0123456789")


@dataclass(frozen=True)
class Interface:
    """The interface language and digits in use."""

    language: str = "en"
    digits: str = "western"

    @property
    def rtl(self) -> bool:
        """True when the interface is mirrored (Arabic)."""
        return self.language == "ar"


_current = Interface()
_translators: list[QtCore.QTranslator] = []


# -- preferences ---------------------------------------------------------------
def system_language() -> str:
    """The interface language the system locale asks for (Arabic or else English)."""
    languages = [QtCore.QLocale.system().language(), *_ui_languages()]
    return "ar" if QtCore.QLocale.Language.Arabic in languages else "en"


def _ui_languages() -> list[QtCore.QLocale.Language]:
    first = QtCore.QLocale.system().uiLanguages()[:1]
    return [QtCore.QLocale(name).language() for name in first]


def default_digits(language: str) -> str:
    """Arabic-Indic digits in the Arabic interface, Western digits in English."""
    return "arabic" if language == "ar" else "western"


def preferences(prefs: Preferences | None = None) -> Interface:
    """The interface the user chose, or the system's language when they have not."""
    prefs = load_preferences() if prefs is None else prefs
    language = prefs.language
    if language not in LANGUAGES:
        language = system_language()
    digits = prefs.digits
    if digits not in DIGITS:
        digits = default_digits(language)
    return Interface(language, digits)


def save_preferences(*, language: str, digits: str) -> None:
    """Store the interface language and digits in the user config."""
    if language not in LANGUAGES or digits not in DIGITS:
        raise ValueError(f"unknown language {language!r} or digits {digits!r}")
    store_preferences(language=language, digits=digits)


def current() -> Interface:
    """The interface installed by :func:`install`."""
    return _current


# -- numbers and names ---------------------------------------------------------
def number(value: float | int, decimals: int | None = None) -> str:
    """A number as the interface shows it, in the chosen digits (exports never use this)."""
    text = f"{value:.{decimals}f}" if decimals is not None else str(value)
    if _current.digits == "arabic":
        return text.translate(_TO_ARABIC)
    return text


def digits_in(text: str) -> str:
    """Put the chosen digits into a piece of interface text (never into document text).

    Digits that belong to a Latin name (``UTF-8``, ``MP3``) stay as they are.
    """
    if _current.digits == "arabic":
        return _COUNTED_DIGITS.sub(lambda m: m.group().translate(_ARABIC_DIGITS), text)
    return text.translate(_WESTERN_DIGITS)


# Digits not right after a Latin letter (or a letter and a hyphen): those are numbers.
_COUNTED_DIGITS = re.compile(r"(?<![A-Za-z])(?<![A-Za-z]-)[0-9]+")


FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def isolate(text: str) -> str:
    """User text (a title, file name, span text) wrapped to keep its own direction.

    First-strong isolates (FSI ... PDI) let an Arabic title sit in an English
    sentence, or a Latin file name in an Arabic one, without reordering the
    words around it. Empty text stays empty.
    """
    return f"{FSI}{text}{PDI}" if text else text


def own_direction(text: str) -> str:
    """User text shown on its own (a list cell, a window title), kept in its own direction.

    Isolated (FSI ... PDI) only when its first strong letter reads the other
    way from the interface: an Arabic title in the English list, a Latin file
    name in the Arabic one. Text that already reads the interface's way, or
    has no letters, is returned unchanged, so it sorts and compares as stored.
    """
    direction = strong_direction(text)
    if direction is None or (direction == "rtl") == _current.rtl:
        return text
    return isolate(text)


RLM, LRM = "\u200f", "\u200e"


def paragraph(text: str) -> str:
    """A message shown on its own, laid out in the interface's direction.

    Qt takes a label's direction from its first strong letter and does not skip
    isolates, so a message that starts with a Latin file name was laid out left
    to right in the Arabic interface (the path at the wrong end). A leading
    mark of the interface's direction settles it, where it is needed.
    """
    direction = strong_direction(text)  # as Qt finds it: inside isolates too
    if direction is None or (direction == "rtl") == _current.rtl:
        return text
    return (RLM if _current.rtl else LRM) + text


def left_to_right(text: str) -> str:
    """Text that must read left to right in any interface (shortcuts, paths of keys)."""
    return f"{LRI}{text}{PDI}" if text else text


SAMPLE_DISPLAY_NAME = QT_TRANSLATE_NOOP("Project", "Sample: Enab Baladi")


def project_name(project: Any) -> str:
    """A project's name as the interface shows it: the built-in sample's in its language."""
    from core.sample import is_sample

    name = str(getattr(project, "name", ""))
    folder = getattr(project, "folder", None)
    if folder is not None and is_sample(Path(folder), name):
        return QtCore.QCoreApplication.translate("Project", SAMPLE_DISPLAY_NAME)
    return name


def label_name(label: Any) -> str:
    """A label's display name in the interface language (the label set's ``ar``/``en``)."""
    name = getattr(label, _current.language, "") or getattr(label, "en", "")
    return name or getattr(label, "name", str(label))


DOCUMENT_STATUS = {
    "new": QT_TRANSLATE_NOOP("DocumentStatus", "new"),
    "in_progress": QT_TRANSLATE_NOOP("DocumentStatus", "in progress"),
    "done": QT_TRANSLATE_NOOP("DocumentStatus", "done"),
}
SPAN_STATUS = {
    "accepted": QT_TRANSLATE_NOOP("SpanStatus", "accepted"),
    "suggested": QT_TRANSLATE_NOOP("SpanStatus", "suggested"),
    "rejected": QT_TRANSLATE_NOOP("SpanStatus", "rejected"),
}


ORIGINS = {
    "manual": QT_TRANSLATE_NOOP("Origin", "by hand"),
    "gazetteer": QT_TRANSLATE_NOOP("Origin", "name lists"),
    "rules": QT_TRANSLATE_NOOP("Origin", "rules"),
    "memory": QT_TRANSLATE_NOOP("Origin", "project memory"),
    "crf": QT_TRANSLATE_NOOP("Origin", "statistical model"),
    "crf-project": QT_TRANSLATE_NOOP("Origin", "project model"),
    "propagate": QT_TRANSLATE_NOOP("Origin", "label all occurrences"),
    "latin": QT_TRANSLATE_NOOP("Origin", "Latin-script names"),
}


def origin_text(origin: str) -> str:
    """Where a span came from, as the interface names it (the raw origin goes in tooltips)."""
    if origin.startswith("import:"):
        text = QtCore.QCoreApplication.translate("Origin", "imported from {file}")
        return text.format(file=origin.removeprefix("import:"))
    name = origin.partition("@")[0]
    known = ORIGINS.get(name)
    return QtCore.QCoreApplication.translate("Origin", known) if known else origin


def document_status(status: str) -> str:
    """An annotator's document status as the interface names it."""
    text = DOCUMENT_STATUS.get(status)
    return QtCore.QCoreApplication.translate("DocumentStatus", text) if text else status


def span_status(status: str) -> str:
    """A span's status as the interface names it."""
    text = SPAN_STATUS.get(status)
    return QtCore.QCoreApplication.translate("SpanStatus", text) if text else status


# -- installing ------------------------------------------------------------------
def install(app: QtCore.QCoreApplication, interface: Interface | None = None) -> Interface:
    """Install the translators, layout direction and number locale for an interface.

    Returns the interface actually in use: English when the translations could
    not be compiled (the reason is logged).
    """
    global _current
    interface = interface or preferences()
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    language = interface.language
    qm = compiled(language)
    if language != "en" and qm is None:
        log.warning("no %s translation available; the interface stays in English", language)
        interface = Interface("en", interface.digits)
        language = "en"
    if qm is not None:
        _load(app, str(qm.parent), qm.stem)
    if language != "en":
        # Qt's own strings: standard buttons, text field menus, file dialogs.
        qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
        _load(app, qt_dir, f"qtbase_{language}")
    _current = interface
    if interface.rtl:
        locale = QtCore.QLocale("ar_EG" if interface.digits == "arabic" else "ar_AE")
    else:
        locale = QtCore.QLocale(
            QtCore.QLocale.Language.English, QtCore.QLocale.Country.UnitedStates
        )
    QtCore.QLocale.setDefault(locale)
    if isinstance(app, QtCore.QCoreApplication) and hasattr(app, "setLayoutDirection"):
        direction = (
            QtCore.Qt.LayoutDirection.RightToLeft
            if interface.rtl
            else QtCore.Qt.LayoutDirection.LeftToRight
        )
        app.setLayoutDirection(direction)  # type: ignore[attr-defined]
    return interface


def _load(app: QtCore.QCoreApplication, folder: str, name: str) -> None:
    translator = QtCore.QTranslator(app)
    if translator.load(name, folder):
        app.installTranslator(translator)
        _translators.append(translator)
    else:
        log.info("translation %s not found in %s", name, folder)


def qm_dir() -> Path:
    """Where the compiled translations go (the user's cache folder)."""
    path = cache_dir() / "translations"
    path.mkdir(parents=True, exist_ok=True)
    return path


def lrelease() -> str | None:
    """The lrelease program: PySide6's own, else one on the PATH."""
    import PySide6

    here = Path(PySide6.__file__).resolve().parent
    for candidate in (here / "lrelease", here / "lrelease.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    if beside.exists():
        return str(beside)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compiled(language: str, *, tool: str | None = None) -> Path | None:
    """The .qm of a language, compiled from its .ts when missing or older; None if impossible."""
    ts = TS_DIR / f"{APP}_{language}.ts"
    if not ts.exists():
        return None
    qm = qm_dir() / f"{APP}_{language}.qm"
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    program = tool or lrelease()
    if program is None:
        log.warning("lrelease not found: cannot compile %s", ts.name)
        return None
    import subprocess

    partial = qm.with_suffix(".qm.part")
    try:
        subprocess.run(
            [program, "-silent", str(ts), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(qm)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile %s with %s: %s", ts.name, program, exc)
        return None
    return qm


# -- the .ts files -----------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    """One message of a .ts file."""

    context: str
    source: str
    translations: tuple[str, ...]
    finished: bool
    numerus: bool


def read_ts(path: Path) -> list[Message]:
    """The messages of a .ts file (obsolete and vanished ones left out)."""
    import xml.etree.ElementTree as ET  # tooling and tests only: not at startup

    out: list[Message] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            node = message.find("translation")
            kind = node.get("type", "") if node is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            forms = node.findall("numerusform") if node is not None else []
            texts = (
                tuple(f.text or "" for f in forms)
                if forms
                else ((node.text or "",) if node is not None else ("",))
            )
            out.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    translations=texts,
                    finished=kind != "unfinished" and all(t.strip() for t in texts),
                    numerus=message.get("numerus") == "yes",
                )
            )
    return out


def lupdate() -> str:
    """The lupdate program (PySide6's own, else one on the PATH)."""
    import PySide6

    here = Path(PySide6.__file__).resolve().parent / "lupdate"
    if here.exists():
        return str(here)
    found = shutil.which("pyside6-lupdate") or shutil.which("lupdate")
    if found is None:
        raise FileNotFoundError("pyside6-lupdate not found")
    return found


def sources(folder: Path = GUI_DIR) -> list[Path]:
    """The Python files whose strings are translated: everything under gui/."""
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def extract(
    ts: Path, *, language: str, files: Iterable[Path] | None = None, plural_only: bool = False
) -> None:
    """Run lupdate over the sources into a .ts file (translations already there are kept)."""
    import subprocess

    args = [lupdate(), *map(str, files or sources()), "-target-language", language]
    args += ["-locations", "none", "-no-obsolete", "-silent"]
    if plural_only:
        args.append("-pluralonly")
    subprocess.run([*args, "-ts", str(ts)], check=True, cwd=ROOT, timeout=300)
    strip_code_comments(ts)


def strip_code_comments(ts: Path) -> None:
    """Drop the ``<extracomment>`` lines lupdate copies from ``#:`` comments in the code.

    Those comments document the next attribute or signal for programmers;
    lupdate attaches them to whatever message follows, so translators saw
    unrelated notes ("the interface languages, each named in itself" on "new").
    """
    import re

    text = ts.read_text(encoding="utf-8")
    cleaned = re.sub(r"\n[ \t]*<extracomment>.*?</extracomment>", "", text, flags=re.S)
    if cleaned != text:
        ts.write_text(cleaned, encoding="utf-8")


def update() -> None:
    """Refresh every .ts from the sources."""
    TS_DIR.mkdir(parents=True, exist_ok=True)
    extract(TS_DIR / f"{APP}_ar.ts", language="ar")
    extract(TS_DIR / f"{APP}_en.ts", language="en", plural_only=True)


def unfinished(path: Path) -> list[Message]:
    """Messages of a .ts file without a complete translation."""
    return [m for m in read_ts(path) if not m.finished]


#: messages whose translation is meant to equal the English source, with a reason each
SAME_AS_SOURCE = TS_DIR / "same_as_source.tsv"
#: how many plural forms each language's translations must give (Qt's numerus rules)
PLURAL_FORMS = {"ar": 6, "en": 2}


def same_as_source(path: Path = SAME_AS_SOURCE) -> dict[tuple[str, str], str]:
    """The allow-list of intentionally untranslated messages: (context, source) -> reason."""
    allowed: dict[tuple[str, str], str] = {}
    if not path.exists():
        return allowed
    for number_, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].strip():
            raise ValueError(f"{path.name}:{number_}: expected context<TAB>source<TAB>reason")
        allowed[(parts[0], parts[1])] = parts[2].strip()
    return allowed


def problems(path: Path, language: str) -> list[str]:
    """Every reason a .ts file is not fully translated, one line per message."""
    allowed = same_as_source() if language != "en" else {}
    forms = PLURAL_FORMS.get(language)
    out: list[str] = []
    for m in read_ts(path):
        where = f"{path.name}: [{m.context}] {m.source!r}"
        if not m.finished:
            out.append(f"{where}: missing or unfinished")
        elif m.numerus and forms is not None and len(m.translations) != forms:
            out.append(f"{where}: {len(m.translations)} plural forms, {language} needs {forms}")
        elif (
            language != "en"
            and not m.numerus
            and m.translations == (m.source,)
            and (m.context, m.source) not in allowed
        ):
            out.append(f"{where}: same as the English source (not in {SAME_AS_SOURCE.name})")
    return out


def check() -> int:
    """Print the messages still to translate; return how many there are."""
    missing = 0
    for ts in sorted(TS_DIR.glob(f"{APP}_*.ts")):
        language = ts.stem.removeprefix(f"{APP}_")
        todo = problems(ts, language)
        missing += len(todo)
        for line in todo:
            print(line)
        print(f"{ts.name}: {len(read_ts(ts))} messages, {len(todo)} to translate")
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    """``update`` runs lupdate then checks; ``check`` only checks."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "check"
    if command == "update":
        update()
    elif command != "check":
        print(__doc__)
        return 2
    return 1 if check() else 0


if __name__ == "__main__":
    sys.exit(main())
