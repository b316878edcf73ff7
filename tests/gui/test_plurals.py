"""Count messages use Qt's plural forms: Arabic has six (zero, one, two, few, many, other)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.model import default_labelset
from gui import i18n
from gui.bulk import bulk_question
from gui.widgets.label_editor import LabelSetDialog

FSI, PDI = "\u2068", "\u2069"
COUNTS = (0, 1, 2, 3, 11, 100)


@pytest.fixture
def arabic(qapp) -> Iterator[i18n.Interface]:  # type: ignore[no-untyped-def]
    """The Arabic interface with Western digits, for one test."""
    used = i18n.install(qapp, i18n.Interface("ar", "western"))
    assert used.language == "ar", "the Arabic translation could not be compiled"
    yield used
    i18n.install(qapp, i18n.Interface("en", "western"))


def test_bulk_question_takes_each_arabic_plural_form(arabic) -> None:  # type: ignore[no-untyped-def]
    shown = [bulk_question("accept", "document", n) for n in COUNTS]
    assert shown == [
        "قبول 0 اقتراح في هذه الوثيقة؟",
        "قبول اقتراح واحد في هذه الوثيقة؟",
        "قبول اقتراحين في هذه الوثيقة؟",
        "قبول 3 اقتراحات في هذه الوثيقة؟",
        "قبول 11 اقتراحًا في هذه الوثيقة؟",
        "قبول 100 اقتراح في هذه الوثيقة؟",
    ]
    # the rules follow n mod 100, as Arabic counts do
    assert bulk_question("label", "project", 103) == "إضافة 103 اقتراحات في المشروع كله؟"
    assert bulk_question("label", "project", 111) == "إضافة 111 اقتراحًا في المشروع كله؟"


def test_bulk_question_in_arabic_indic_digits(qapp) -> None:  # type: ignore[no-untyped-def]
    i18n.install(qapp, i18n.Interface("ar", "arabic"))
    try:
        assert bulk_question("accept", "project", 4019) == "قبول ٤٠١٩ اقتراحًا في المشروع كله؟"
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))


def test_bulk_question_in_english(qapp) -> None:  # type: ignore[no-untyped-def]
    assert bulk_question("accept", "document", 1) == "Accept 1 suggestion in this document?"
    assert bulk_question("accept", "document", 250) == "Accept 250 suggestions in this document?"


def test_label_removal_messages_take_each_arabic_plural_form(qtbot, arabic) -> None:  # type: ignore[no-untyped-def]
    dialog = LabelSetDialog(default_labelset(), {})
    qtbot.addWidget(dialog)
    name = f"{FSI}PERS{PDI}"
    assert [dialog.relabel_prompt("PERS", n) for n in COUNTS] == [
        f"لا كيانات بالوسم «{name}». وسمها بـ:",
        f"كيان واحد بالوسم «{name}». وسمه بـ:",
        f"كيانان بالوسم «{name}». وسمهما بـ:",
        f"3 كيانات بالوسم «{name}». وسمها بـ:",
        f"11 كيانًا بالوسم «{name}». وسمها بـ:",
        f"100 كيان بالوسم «{name}». وسمها بـ:",
    ]
    forms = [dialog.used_elsewhere("PERS", n) for n in COUNTS]
    assert forms[2].startswith(f"كيانان بالوسم «{name}» في طبقات")
    assert forms[4].startswith("11 كيانًا") and forms[5].startswith("100 كيان ")
    assert len(set(forms)) == 6


def test_a_label_other_annotators_use_says_the_count_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = LabelSetDialog(default_labelset(), {"PERS": (1, 1)})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.setCurrentCell(0, 0)
    assert not dialog.remove_current()
    assert dialog.error.text() == (
        f"“{FSI}PERS{PDI}” is used by 2 spans in other annotators' layers; it cannot be removed."
    )
