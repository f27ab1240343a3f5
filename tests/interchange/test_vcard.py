"""Tests for reading and writing vCards."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reseau.interchange.people import PersonRecord
from reseau.interchange.vcard import read_vcards, write_vcards

FIXTURE = Path(__file__).parent / "data" / "contacts.vcf"


def fixture_text() -> str:
    return FIXTURE.read_bytes().decode("utf-8")


def test_reads_a_3_0_and_a_4_0_card() -> None:
    records, warnings = read_vcards(fixture_text())
    assert warnings == []
    assert records == [
        PersonRecord(
            name="Karim Bonnet",
            organization="Acme, Data team",
            role="Data analyst",
            emails=("karim@acme.example",),
            phones=("+33 6 12 34 56 78",),
            links=("https://www.linkedin.com/in/karim-bonnet",),
            notes="Met at the data meetup, Lyon.\nLikes long walks; and tea.",
        ),
        PersonRecord(
            name="Hélène Dupré",
            organization="Datacorp",
            role="Head of data",
            emails=("helene@datacorp.example",),
            phones=("+33-1-23-45-67-89",),
            links=(
                "https://www.linkedin.com/in/example",
                "https://datacorp.example/team?who=helene,lead",
            ),
            introduced_by="marc-leroy",
            notes="Leads a team of six; budget frozen this year. A long note that is folded "
            "across two lines as RFC 6350 allows.",
        ),
    ]


def test_lf_line_endings_are_read_too() -> None:
    assert read_vcards(fixture_text().replace("\r\n", "\n")) == read_vcards(fixture_text())


def test_a_malformed_card_warns_and_the_rest_is_read() -> None:
    broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis line has no colon\r\nEND:VCARD\r\n"
    nameless = "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:x@example.org\r\nEND:VCARD\r\n"
    unclosed = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Never closed\r\n"
    text = broken + fixture_text() + nameless + unclosed
    records, warnings = read_vcards(text)
    assert [r.name for r in records] == ["Broken", "Karim Bonnet", "Hélène Dupré"]
    assert warnings == [
        "line 4: not a vCard property, ignored: 'this line has no colon'",
        "line 33: vCard has no name (FN or N); skipped",
        "line 37: vCard ('Never closed') has no END:VCARD; skipped",
    ]


def test_n_is_used_when_fn_is_missing() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Dupré;Hélène;Marie;Dr;\nEND:VCARD\n"
    records, warnings = read_vcards(text)
    assert warnings == []
    assert records == [PersonRecord(name="Dr Hélène Marie Dupré")]


def test_introducer_from_related_or_extension() -> None:
    related = "BEGIN:VCARD\nVERSION:4.0\nFN:A\nRELATED;TYPE=friend:urn:uuid:123\nRELATED;TYPE=contact:urn:reseau:marc-leroy\nEND:VCARD\n"
    extension = "BEGIN:VCARD\nVERSION:3.0\nFN:B\nX-RESEAU-INTRODUCED-BY:karim-bonnet\nEND:VCARD\n"
    foreign = "BEGIN:VCARD\nVERSION:4.0\nFN:C\nRELATED;TYPE=spouse:urn:uuid:456\nEND:VCARD\n"
    records, _ = read_vcards(related + extension + foreign)
    assert [r.introduced_by for r in records] == ["marc-leroy", "karim-bonnet", None]


def test_text_outside_cards_is_reported() -> None:
    records, warnings = read_vcards("garbage\n" + fixture_text())
    assert len(records) == 2
    assert warnings == ["1 line(s) outside any BEGIN:VCARD … END:VCARD ignored"]


def test_empty_input() -> None:
    assert read_vcards("") == ([], [])


PEOPLE = [
    (
        "helene-dupre",
        PersonRecord(
            name="Hélène Dupré",
            organization="Smith; Jones, Ltd",
            role="Head of data, Lyon; interim",
            emails=("helene@datacorp.example", "h.dupre@example.org"),
            phones=("+33 1 23 45 67 89",),
            links=(
                "https://www.linkedin.com/in/example",
                "https://example.org/a,b;c?x=1",
            ),
            introduced_by="marc-leroy",
            connected_on="2023-08-24",
            notes="Leads a team of six; budget frozen, this year.\nSecond line \\ backslash.\n",
        ),
    ),
    ("o-neil-jean-pierre", PersonRecord(name="O'Neil, Jean-Pierre")),
    ("wang-xiaoming", PersonRecord(name="王小明", organization="北京数据")),
    ("contact", PersonRecord(name="Ðoàn Văn Bình " * 8)),
]


def test_write_then_read_round_trips() -> None:
    text = write_vcards(PEOPLE)
    records, warnings = read_vcards(text)
    assert warnings == []
    assert records == [replace(person, id=cid) for cid, person in PEOPLE[:3]] + [
        PersonRecord(name=PEOPLE[3][1].name.strip(), id="contact")
    ]


def test_written_cards_are_vcard_4_with_reseau_ids() -> None:
    text = write_vcards(PEOPLE[:1])
    lines = text.split("\r\n")
    assert lines[:4] == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:-//reseau//reseau//EN",
        "UID:urn:reseau:helene-dupre",
    ]
    assert "FN:Hélène Dupré" in lines
    assert "N:Dupré;Hélène;;;" in lines
    assert "ORG:Smith\\; Jones\\, Ltd" in lines
    assert "TITLE:Head of data\\, Lyon\\; interim" in lines
    assert "RELATED;TYPE=contact:urn:reseau:marc-leroy" in lines
    assert "X-RESEAU-INTRODUCED-BY:marc-leroy" in lines
    assert "X-RESEAU-ID:helene-dupre" in lines
    assert text.endswith("END:VCARD\r\n")


def test_output_uses_crlf_and_folds_long_lines() -> None:
    text = write_vcards(PEOPLE)
    assert "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")
    assert any(line.startswith(" ") for line in physical)  # the long name was folded
    assert all(len(line.encode("utf-8")) <= 76 for line in physical)


def test_output_is_deterministic() -> None:
    assert write_vcards(PEOPLE) == write_vcards(list(PEOPLE))
    assert write_vcards([]) == ""


_text = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
_optional = st.none() | _text
_slug = st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,2}", fullmatch=True)

_people = st.builds(
    PersonRecord,
    name=_text,
    organization=_optional,
    role=_optional,
    emails=st.lists(_text, max_size=2).map(tuple),
    phones=st.lists(_text, max_size=2).map(tuple),
    links=st.lists(_text, max_size=2).map(tuple),
    introduced_by=st.none() | _slug,
    connected_on=st.none() | st.dates().map(lambda d: d.isoformat()),
    # vCard has one line break (\n); YAML normalises bare CRs the same way.
    notes=st.none() | st.text(min_size=1).map(lambda t: t.replace("\r", "\n")).filter(str.strip),
    location=_optional,
    tags=st.lists(_text, max_size=3, unique=True).map(tuple),
    birthday=st.none()
    | st.dates(min_value=dt.date(1700, 1, 1)).map(lambda d: d.isoformat())
    | st.dates().map(lambda d: d.strftime("--%m-%d")),
).filter(lambda p: p.location is None or ", " not in p.location)


@settings(max_examples=100, deadline=None)
@given(_people, st.lists(_text, max_size=3, unique=True))
def test_aliases_round_trip_except_the_name_itself(
    person: PersonRecord, aliases: list[str]
) -> None:
    person = replace(person, aliases=tuple(a for a in aliases if a != person.name))
    records, warnings = read_vcards(write_vcards([("x", person)]))
    assert (records, warnings) == ([replace(person, id="x")], [])


_vobject_text = _text.filter(lambda t: "\n" not in t and t == " ".join(t.split()))


@settings(max_examples=100, deadline=None)
@given(_vobject_text, _vobject_text, _vobject_text, _vobject_text, _vobject_text)
def test_any_card_vobject_serialises_is_read_whole_and_round_trips(
    name: str, family: str, given_name: str, title: str, note: str
) -> None:
    import vobject

    card = vobject.vCard()
    card.add("fn").value = name
    card.add("n").value = vobject.vcard.Name(family=family, given=given_name)
    card.add("title").value = title
    card.add("note").value = note
    card.add("email").value = "a@example.org"
    records, warnings = read_vcards(card.serialize())
    assert warnings == []
    assert records == [PersonRecord(name=name, role=title, notes=note, emails=("a@example.org",))]
    again, warnings = read_vcards(write_vcards([("x", records[0])]))
    assert (again, warnings) == ([replace(records[0], id="x")], [])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_slug, _people), max_size=3))
def test_round_trip_property(people: list[tuple[str, PersonRecord]]) -> None:
    records, warnings = read_vcards(write_vcards(people))
    assert warnings == []
    assert records == [replace(person, id=cid) for cid, person in people]


_card_lines = st.lists(
    st.sampled_from(
        [
            "BEGIN:VCARD",
            "END:VCARD",
            "VERSION:4.0",
            "VERSION:3.0",
            "FN:A",
            "N:;;;;",
            "ORG:;",
            "TEL;VALUE=uri:tel:",
        ]
    )
    | st.text(max_size=30),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(_card_lines, st.sampled_from(["\r\n", "\n", "\r"]))
def test_any_input_gives_records_or_warnings_never_an_exception(lines: list[str], eol: str) -> None:
    records, warnings = read_vcards(eol.join(lines))
    assert all(isinstance(r, PersonRecord) and r.name for r in records)
    assert all(isinstance(w, str) for w in warnings)


def test_a_dangling_backslash_is_kept_literally() -> None:
    records, warnings = read_vcards("BEGIN:VCARD\nVERSION:3.0\nFN:A\\\nEND:VCARD\n")
    assert warnings == []
    assert records == [PersonRecord(name="A\\")]
