"""Tests for reading LinkedIn's Connections.csv export."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reseau.interchange.linkedin import parse_linkedin_date, read_linkedin_csv
from reseau.interchange.people import PersonRecord

FIXTURE = Path(__file__).parent / "data" / "Connections.csv"


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def test_reads_the_fixture() -> None:
    records, warnings = read_linkedin_csv(fixture_text())
    assert [r.name for r in records] == [
        "Hélène Dupré",
        "Marc Leroy",
        "Karim Bonnet",
        "Łukasz Żółw",
        "Иван Петров",
        "王 小明",
        "Zoë",
    ]
    assert records[0] == PersonRecord(
        name="Hélène Dupré",
        organization="Datacorp",
        role="Head of data",
        links=("https://www.linkedin.com/in/helene-dupre-4a1b2c",),
        connected_on="2023-08-24",
    )
    assert warnings == ["line 10: no first or last name; row skipped"]


def test_quoted_commas_quotes_and_embedded_newlines() -> None:
    records, _ = read_linkedin_csv(fixture_text())
    by_name = {r.name: r for r in records}
    marc = by_name["Marc Leroy"]
    assert marc.organization == "Leroy, Fils & Cie"
    assert marc.role == "Partner, Strategy"
    assert marc.emails == ("marc.leroy@example.com",)
    assert marc.connected_on == "2022-01-03"
    karim = by_name["Karim Bonnet"]
    assert karim.role == "Data analyst Lyon office"
    assert karim.connected_on == "2016-02-01"
    assert by_name["Łukasz Żółw"].organization == 'Wrocław "Tech" Hub'


def test_empty_fields_become_none_or_empty() -> None:
    records, _ = read_linkedin_csv(fixture_text())
    zoe = records[-1]
    assert zoe == PersonRecord(
        name="Zoë", organization="Freelance", links=("https://www.linkedin.com/in/zoe",)
    )
    assert records[0].emails == ()


def test_bom_and_crlf_give_the_same_result() -> None:
    plain = read_linkedin_csv(fixture_text())
    assert read_linkedin_csv("\ufeff" + fixture_text().replace("\n", "\r\n")) == plain


def test_export_without_preamble() -> None:
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Anna,Smith,https://www.linkedin.com/in/anna,anna@example.com,Acme,CEO,5 Jun 2024\n"
    )
    records, warnings = read_linkedin_csv(text)
    assert warnings == []
    assert records == [
        PersonRecord(
            name="Anna Smith",
            organization="Acme",
            role="CEO",
            emails=("anna@example.com",),
            links=("https://www.linkedin.com/in/anna",),
            connected_on="2024-06-05",
        )
    ]


def test_columns_are_found_by_name() -> None:
    text = "Notes:\nx\n\nLast Name,First Name,Company\nSmith,Anna,Acme\n"
    records, warnings = read_linkedin_csv(text)
    assert records == [PersonRecord(name="Anna Smith", organization="Acme")]
    assert warnings == []


def test_short_rows_and_bad_dates_warn_but_keep_the_person() -> None:
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Anna,Smith\n"
        "Bob,Jones,,,,,31 Feb 2020\n"
    )
    records, warnings = read_linkedin_csv(text)
    assert [r.name for r in records] == ["Anna Smith", "Bob Jones"]
    assert records[1].connected_on is None
    assert warnings == ["line 3: unreadable date '31 Feb 2020' for Bob Jones"]


def test_no_header_is_a_warning() -> None:
    records, warnings = read_linkedin_csv("Notes:\nsomething else entirely\n")
    assert records == []
    assert len(warnings) == 1 and "no LinkedIn header" in warnings[0]


def test_empty_input() -> None:
    records, warnings = read_linkedin_csv("")
    assert records == [] and len(warnings) == 1


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("24 Aug 2023", "2023-08-24"),
        ("1 Feb 2016", "2016-02-01"),
        ("03 jan 2022", "2022-01-03"),
        ("7 September 2021", "2021-09-07"),
        ("2020-03-12", "2020-03-12"),
        ("31 Feb 2020", None),
        ("24 Foo 2023", None),
        ("08/24/23", None),
        ("", None),
    ],
)
def test_parse_linkedin_date(text: str, iso: str | None) -> None:
    assert parse_linkedin_date(text) == iso


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_input_never_raises(garbage: str) -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    for text in (garbage, header + garbage):
        records, warnings = read_linkedin_csv(text)
        assert all(r.name for r in records)
        assert all(isinstance(w, str) for w in warnings)
