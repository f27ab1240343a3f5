"""Tests for stable pseudonyms."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reseau.interchange.redact import pseudonym


def test_stable_and_shaped() -> None:
    first = pseudonym("person", "helene-dupre", "s3cret")
    assert first == pseudonym("person", "helene-dupre", "s3cret")
    assert re.fullmatch(r"person-[0-9a-f]{8}", first)


def test_depends_on_value_salt_and_kind() -> None:
    base = pseudonym("person", "helene-dupre", "s3cret")
    assert pseudonym("person", "marc-leroy", "s3cret") != base
    assert pseudonym("person", "helene-dupre", "other") != base
    assert pseudonym("email", "helene-dupre", "s3cret")[len("email-") :] != base[len("person-") :]


def test_length() -> None:
    assert re.fullmatch(r"phone-[0-9a-f]{6}", pseudonym("phone", "+33 1", "s", length=6))


@pytest.mark.parametrize(
    ("kind", "salt", "length"),
    [
        ("Person", "s", 8),
        ("a/b", "s", 8),
        ("", "s", 8),
        ("person", "", 8),
        ("person", "s", 3),
    ],
)
def test_refuses_bad_arguments(kind: str, salt: str, length: int) -> None:
    with pytest.raises(ValueError):
        pseudonym(kind, "x", salt, length=length)


@given(st.text(), st.text(min_size=1))
def test_never_leaks_the_value(value: str, salt: str) -> None:
    result = pseudonym("person", value, salt)
    assert re.fullmatch(r"person-[0-9a-f]{8}", result)
