"""The friplads calculator: the scale exactly as specified, on the 2024 thresholds, and its command."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.friplads import FripladsError, Thresholds, friplads
from tests.conftest import run_cli

T2024 = Thresholds(2024, 200_301, 622_200, 70_089, 7_000, True)


def test_friplads_cli_example():
    proc = run_cli("friplads", "--year", "2024", "--income-month", "33333", "--children", "2", "--json")
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    # I = 399996; L' = 207301; 95 - floor((399996 - 207301) * 95 / 421899) = 95 - 43 = 52
    assert doc["subsidy_pct"] == 52 and doc["parent_share_pct"] == 48 and doc["confirmed"] is True


@pytest.mark.parametrize(
    ("income_month", "children", "single", "pct"),
    [
        (16_691, 1, False, 100),  # 200292 < 200301
        (16_692, 1, False, 95),  # 200304 >= L: the first step, parents pay 5 %
        (51_850, 1, False, 0),  # 622200 = U: no subsidy
        (51_849, 1, False, 1),  # 622188: 95 - floor(421887 * 95 / 421899) = 95 - 94
        (22_000, 1, True, 100),  # 264000 < 200301 + 70089
        (17_000, 3, False, 100),  # 204000 < 200301 + 14000
    ],
)
def test_friplads_scale_edges(income_month, children, single, pct):
    assert friplads(T2024, income_month, children, single).subsidy_pct == pct


@given(st.integers(0, 100_000), st.integers(0, 100_000), st.integers(1, 6), st.booleans())
def test_friplads_more_income_never_more_subsidy(a, b, children, single):
    low, high = sorted((a, b))
    r_low, r_high = friplads(T2024, low, children, single), friplads(T2024, high, children, single)
    assert r_high.subsidy_pct <= r_low.subsidy_pct
    assert r_low.subsidy_pct + r_low.parent_share_pct == 100
    assert r_low.subsidy_pct in {0, 100} or 1 <= r_low.subsidy_pct <= 95


def test_friplads_bad_input_and_unknown_year():
    with pytest.raises(FripladsError):
        friplads(T2024, -1, 1, False)
    with pytest.raises(FripladsError):
        friplads(T2024, 1000, 0, False)
    proc = run_cli("friplads", "--year", "1999", "--income-month", "1000", "--children", "1", "--json")
    assert proc.returncode == 2 and "no friplads thresholds for 1999" in proc.stderr
