"""Cross-validation by document, reliability tables and calibration, on a small corpus."""

from __future__ import annotations

import random
from pathlib import Path

from core.extract.crf import CrfModel, CrfRecommender
from core.extract.cv import (
    Calibrator,
    Scored,
    document_folds,
    format_reliability,
    reliability_table,
    run_fold,
    split_documents,
)
from core.extract.pipeline import Combiner

NAMES = ["كريم", "سليم", "رامي", "نادر", "وسيم", "مازن", "هادي", "فادي", "عمر", "زياد"]
PLACES = ["سوريا", "لبنان", "العراق", "مصر", "تونس", "الأردن", "ليبيا", "اليمن"]
VERBS = ["زار", "غادر", "وصل", "قصد"]


def corpus(n: int = 120, seed: int = 3) -> list[list[tuple[str, str]]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        person, place, verb = rnd.choice(NAMES), rnd.choice(PLACES), rnd.choice(VERBS)
        sent = [(verb, "O"), (person, "B-PERS"), ("إلى", "O"), (place, "B-LOC"), (".", "O")]
        if rnd.random() < 0.3:  # an ambiguous pattern: the same slot, another label
            sent[3] = (rnd.choice(NAMES), "B-PERS")
        out.append(sent)
    return out


def test_folds_are_by_document_seeded_and_disjoint() -> None:
    docs = split_documents(corpus(), 10)
    assert len(docs) == 12 and all(len(d) == 10 for d in docs)
    folds = document_folds(len(docs), 3, seed=14)
    assert folds == document_folds(len(docs), 3, seed=14)
    assert sorted(i for f in folds for i in f) == list(range(12))
    assert folds != document_folds(len(docs), 3, seed=15)


def test_reliability_table_from_a_fixed_fold() -> None:
    docs = split_documents(corpus(), 10)
    folds = document_folds(len(docs), 3, seed=14)
    held = set(folds[0])
    train = [s for n, d in enumerate(docs) if n not in held for s in d]
    test = [docs[n] for n in folds[0]]

    def combiner(path: Path) -> Combiner:
        return Combiner([CrfRecommender(CrfModel(path))], calibrator=None)

    res = run_fold(
        0, train, test, make_combiner=combiner, train_kwargs={"params": {"max_iterations": 30}}
    )
    assert 0.0 < res.micro.f1 <= 1.0 and res.scored
    table = reliability_table(res.scored)
    assert sum(b.count for b in table) == len(res.scored)
    assert sum(b.right for b in table) == sum(s.right for s in res.scored)
    assert res.micro.tp == sum(s.right for s in res.scored)
    assert "share" in format_reliability(table)
    # A calibrator fitted on the fold says, per score, the share of right suggestions.
    cal = Calibrator.fit(res.scored)
    calibrated = [Scored(s.origin, cal(s.origin, s.score), s.right) for s in res.scored]
    mean = sum(s.score for s in calibrated) / len(calibrated)
    assert abs(mean - sum(s.right for s in res.scored) / len(res.scored)) < 1e-3


def test_calibrator_is_monotone_and_round_trips(tmp_path: Path) -> None:
    scored = [Scored("crf", k / 100, k >= 50 or k % 7 == 0) for k in range(100)]
    cal = Calibrator.fit(scored)
    values = [cal("crf@3", k / 100) for k in range(100)]
    assert values == sorted(values) and values[0] < 0.5 < values[-1] == 1.0
    assert cal("crf-project@2", 0.99) == 1.0  # the project model uses the CRF's curve
    assert cal("memory@1", 0.42) == 0.42  # no curve: unchanged
    path = tmp_path / "cal.json"
    import json

    path.write_text(json.dumps(cal.to_json()), "utf-8")
    assert Calibrator.load(path)("crf@1", 0.3) == cal("crf@1", 0.3)


def test_calibrator_gives_one_value_to_one_score() -> None:
    # A rule scores all its names alike: 0.8 right 5 of 12 times is 5/12 at 0.8, whatever
    # order the right and wrong ones came in (they were split into 0.0 and 1.0 steps).
    scored = [Scored("rules", 0.8, k < 5) for k in range(12)]
    scored += [Scored("rules", 0.6, False) for _ in range(20)]
    cal = Calibrator.fit(scored)
    assert cal("rules@1", 0.8) == round(5 / 12, 4)
    assert cal("rules@1", 0.6) == 0.0
    assert [u for u, _ in cal.steps["rules"]] == [0.6, 0.8]
