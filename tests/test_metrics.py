"""The agreement figures `drill eval` reports, on cases worked by hand."""

from __future__ import annotations

import pytest

from drill.metrics import mean_absolute_error, on_scale, pearson, precision_recall, quadratic_weighted_kappa, within


def test_perfect_agreement_is_one_and_reversal_is_negative() -> None:
    marks = [0, 3, 5, 7, 10]
    assert quadratic_weighted_kappa(marks, marks) == 1.0
    assert quadratic_weighted_kappa(marks, marks[::-1]) < 0


def test_kappa_worked_by_hand() -> None:
    # 0..2 scale: one disagreement of 1 (weight 1/4) observed; 1.5 expected from the marginals.
    assert quadratic_weighted_kappa([0, 1, 2, 2], [0, 2, 2, 2], low=0, high=2) == pytest.approx(1 - 0.25 / 1.5)


def test_mae_pearson_and_within_one() -> None:
    assert mean_absolute_error([1, 2, 3], [2, 2, 5]) == 1.0
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0
    assert within([1, 5, 9], [2, 7, 9]) == pytest.approx(2 / 3)


def test_marks_are_put_on_a_ten_point_scale() -> None:
    assert on_scale(7.5, 10) == 8
    assert on_scale(15, 20) == 8
    assert on_scale(2.4, 10) == 2


def test_point_precision_and_recall() -> None:
    ours = [1, 0.5, 0, 1]
    human = [1, 0, 0.5, 1]
    assert precision_recall(ours, human) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
