"""One minimal reproduction per defect of issue 15 (each failed before the fix)."""

from __future__ import annotations

from pathlib import Path

from reseau.interchange.encoding import decode
from reseau.interchange.vcard import read_vcards


def card(*lines: str, version: str = "3.0", eol: str = "\r\n") -> str:
    return eol.join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + eol


def one(text: str) -> object:
    records, warnings = read_vcards(text)
    assert warnings == [] and len(records) == 1, warnings
    return records[0]


def test_a_comma_in_fn_title_and_org_is_text() -> None:
    person = one(
        card(
            "FN:Dupont, Jean",
            "TITLE:Head of Sales, EMEA",
            "ORG:Company\\, The;TheDepartment",
        )
    )
    assert person.name == "Dupont, Jean"  # type: ignore[attr-defined]
    assert person.role == "Head of Sales, EMEA"  # type: ignore[attr-defined]
    assert person.organization == "Company, The, TheDepartment"  # type: ignore[attr-defined]
    unescaped = one(card("FN:A", "ORG:Company, The;TheDepartment"))
    assert unescaped.organization == "Company, The, TheDepartment"  # type: ignore[attr-defined]
    google = one(card("FN:Mr. John Richter\\, James Doe Sr.", "N:Doe;John;;;"))
    assert google.name == "Mr. John Richter, James Doe Sr."  # type: ignore[attr-defined]


def test_iphone_cr_cr_lf_and_a_folded_photo_keep_the_card() -> None:
    text = card("FN:Ann Lee", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ", " SkZJRg==", eol="\r\r\n")
    assert one(text).name == "Ann Lee"  # type: ignore[attr-defined]


def test_a_malformed_photo_costs_nothing() -> None:
    text = card("FN:Ann Lee", "PHOTO;ENCODING=BASE64:@@not base64@@", "EMAIL:ann@example.org")
    assert one(text).emails == ("ann@example.org",)  # type: ignore[attr-defined]


def test_profile_case_comments_and_backslash_continuations() -> None:
    text = "# exported by a script\n" + card(
        "PROFILE:VCard", "# a comment", "FN:Ann Lee", "NOTE:first line\\", "second line", eol="\n"
    )
    person = one(text)
    assert person.notes == "first line\nsecond line"  # type: ignore[attr-defined]


def test_a_missing_end_costs_one_card_reported_by_name_and_line() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Lost Card\n" + card("FN:Ann Lee", eol="\n")
    records, warnings = read_vcards(text + card("FN:Bob Ray", eol="\n"))
    assert [r.name for r in records] == ["Ann Lee", "Bob Ray"]
    assert warnings == ["line 1: vCard ('Lost Card') has no END:VCARD; skipped"]


def test_lowercase_and_bare_quoted_printable_with_soft_breaks() -> None:
    lower = one(card("FN:A", "note;encoding=quoted-printable:caf=C3=A9"))
    assert lower.notes == "café"  # type: ignore[attr-defined]
    bare = one(card("FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Ren=E9 Ma=", "rtin", version="2.1"))
    assert bare.name == "René Martin"  # type: ignore[attr-defined]


def test_encodings_shift_jis_cp1252_utf16_and_charset() -> None:
    sjis = card("FN;CHARSET=SHIFT_JIS:山田太郎", version="2.1").encode("shift_jis")
    decoded = decode(sjis)
    assert (decoded.encoding, decoded.how) == ("shift_jis", "declared")
    assert one(decoded.text).name == "山田太郎"  # type: ignore[attr-defined]
    cp1252 = card("FN:Zoë Müller", "NOTE:café crème, très bon").encode("cp1252")
    assert "Zoë Müller" in decode(cp1252).text
    utf16 = card("FN:Łukasz Żak").encode("utf-16")
    assert decode(utf16).how == "bom" and one(decode(utf16).text).name == "Łukasz Żak"  # type: ignore[attr-defined]
    assert decode(cp1252, "latin-1").how == "given"


def test_fields_that_have_a_home() -> None:
    person = one(
        card(
            "N:Dupré;Hélène;;;",
            "NICKNAME:Léna,H. D.",
            "CATEGORIES:data,lyon",
            "ADR;TYPE=home:;;1 rue X;Paris;;75001;France",
            "ADR;TYPE=work:;;2 rue Y;Lyon;;69001;France",
            "BDAY:1984-03-12",
        )
    )
    assert person.name == "Hélène Dupré"  # type: ignore[attr-defined]
    assert person.aliases == ("Léna", "H. D.")  # type: ignore[attr-defined]
    assert person.tags == ("data", "lyon")  # type: ignore[attr-defined]
    assert person.location == "Lyon, France"  # type: ignore[attr-defined]
    assert person.birthday == "1984-03-12"  # type: ignore[attr-defined]
    for bday, expected in (
        ("--0312", "--03-12"),
        ("19840312", "1984-03-12"),
        ("1604-03-12", "--03-12"),
    ):
        assert one(card("FN:A", f"BDAY:{bday}")).birthday == expected  # type: ignore[attr-defined]


def test_an_unreadable_birthday_is_reported() -> None:
    records, warnings = read_vcards(card("FN:A", "BDAY:someday"))
    assert records[0].birthday is None
    assert warnings == ["line 4: BDAY 'someday' is not a date; left out"]


def test_grouped_properties_and_2_1_bare_types() -> None:
    person = one(
        card("FN:A", "item1.EMAIL;type=INTERNET:a@example.org", "TEL;WORK;VOICE:123", version="2.1")
    )
    assert (person.emails, person.phones) == (("a@example.org",), ("123",))  # type: ignore[attr-defined]


def test_fixture_files_exist() -> None:
    assert (Path(__file__).parent / "data" / "contacts.vcf").exists()
