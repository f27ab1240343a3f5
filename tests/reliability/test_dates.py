"""Dates at the edges of the calendar never crash a command: they are refused with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

READERS = [
    ["check"],
    ["report"],
    ["agenda"],
    ["graph"],
    ["show", "helene-dupre"],
    ["export", "json"],
    ["export", "ics"],
    ["export", "vcard"],
]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"])
def test_as_of_out_of_range_is_a_usage_error(story: Path, day: str) -> None:
    for args in READERS + [["log", "helene-dupre", "--channel", "call", "--date", "+3d"]]:
        result = run_cli("--ledger", str(story), "--as-of", day, *args)
        assert result.code == 2, (args, result.err)
        assert "out of range: use a date from 1900 to 2999" in result.err


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_as_of_at_the_edges_of_the_range_works(story: Path, day: str) -> None:
    for args in READERS:
        result = run_cli("--ledger", str(story), "--as-of", day, *args)
        assert result.code in (0, 1), (args, result.err)


@pytest.mark.parametrize("date", ["9999-12-31", "1899-12-31", "2016-02-30", "-99999d"])
def test_log_dates_out_of_range_are_refused(story: Path, date: str) -> None:
    before = sorted((story / "interactions").rglob("*"))
    result = run_cli(
        "--ledger",
        str(story),
        "--as-of",
        "2016-05-03",
        "log",
        "helene-dupre",
        "--channel",
        "call",
        "--date",
        date,
    )
    assert result.code == 2, result.err
    assert sorted((story / "interactions").rglob("*")) == before


@pytest.mark.parametrize(
    "week",
    [
        "2016-W54",
        "2016-W00",
        "garbage",
        "1900-W01",
        "2999-W52",
        "9999-W52",
        "0001-W01",
    ],
)
def test_report_weeks_at_the_edges(story: Path, week: str) -> None:
    result = run_cli("--ledger", str(story), "--as-of", "2016-05-03", "report", "--week", week)
    assert result.code in (0, 1, 2), result.err
