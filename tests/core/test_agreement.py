"""Agreement metrics against hand-worked and published examples."""

from __future__ import annotations

import pytest

from core.agreement import (
    cohen_kappa,
    compute,
    exact_f1,
    krippendorff_alpha,
    overlap_f1,
    token_labels,
)
from core.model import Span


def test_cohen_kappa_published_example() -> None:
    # Wikipedia's "Cohen's kappa" worked example: 50 proposals, two readers:
    # 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> po 0.7, pe 0.5, kappa 0.4.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_krippendorff_alpha_published_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
    # nominal example with four coders and twelve units: alpha = 0.743.
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    units = list(zip(*coders, strict=True))
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_alpha_hand_worked() -> None:
    # Two coders, four units: (a,a) (a,b) (b,b) (b,b).
    # Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n = 8, n_a = 3, n_b = 5.
    # D_o = 2/8; D_e = (3*5 + 5*3) / (8*7) = 30/56; alpha = 1 - (2/8)/(30/56) = 8/15.
    units = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]
    assert krippendorff_alpha(units) == pytest.approx(8 / 15)
    assert krippendorff_alpha([("a", "a"), ("b", "b")]) == 1.0
    assert krippendorff_alpha([("a", None)]) is None


def test_span_f1_hand_worked() -> None:
    a = [(0, 5, "LOC"), (10, 20, "ORG"), (30, 35, "PERS")]
    b = [(0, 5, "LOC"), (12, 20, "ORG"), (40, 45, "PERS"), (50, 55, "LOC")]
    # One exact match: 2*1 / (3+4) = 2/7.
    assert exact_f1(a, b) == pytest.approx(2 / 7)
    # Overlap: recall 2/3 (LOC, ORG), precision 2/4 -> F1 = 2*(1/2)(2/3)/(1/2+2/3) = 4/7.
    assert overlap_f1(a, b) == pytest.approx(4 / 7)
    assert exact_f1([], []) is None and overlap_f1(a, []) == 0.0


def test_token_labels_take_the_outermost_span() -> None:
    text = "جامعة دمشق في سوريا"
    spans = [
        Span(0, 10, "ORG", "a"),
        Span(6, 10, "LOC", "a"),
        Span(14, 19, "LOC", "a", status="suggested"),
    ]
    assert token_labels(text, spans) == ["ORG", "ORG", "O", "O"]


def test_compute_two_annotators_hand_worked() -> None:
    text = "قال التحالف إن سوريا والعراق"  # tokens: قال التحالف إن سوريا والعراق
    a = [Span(4, 11, "ORG", "a"), Span(15, 20, "LOC", "a"), Span(22, 28, "LOC", "a")]
    b = [Span(4, 11, "ORG", "b"), Span(15, 20, "PERS", "b")]
    report = compute(
        {"d": text}, {"d": "t"}, {"a": {"d": a}, "b": {"d": b}}, ["PERS", "LOC", "ORG"]
    )
    (pair,) = report.pairs
    assert pair.exact_f1 == pytest.approx(2 * 1 / 5)
    # Tokens a: O ORG O LOC LOC; b: O ORG O PERS O. po = 3/5.
    # pe = (2*3 [O] + 1*1 [ORG]) / 25 = 7/25; kappa = (15/25 - 7/25) / (18/25) = 4/9.
    assert pair.kappa == pytest.approx(4 / 9)
    assert pair.per_label["ORG"]["exact_f1"] == 1.0
    assert pair.per_label["LOC"]["exact_f1"] == 0.0
    (doc,) = report.documents
    assert doc.disagreements == 3
    # Two coders: alpha on the five tokens.
    assert report.alpha is not None and report.alpha < pair.kappa + 0.1
    data = report.to_json()
    assert set(data) == {"pairs", "alpha", "documents"}
    assert set(data["pairs"][0]) >= {"a", "b", "exact_f1", "overlap_f1", "kappa", "per_label"}
