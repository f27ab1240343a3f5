"""Tests for slugs and the normal forms used to spot duplicates."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reseau.slug import (
    MAX_SLUG_LENGTH,
    is_slug,
    normalise_email,
    normalise_link,
    normalise_name,
    slugify,
    unique_slug,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hélène Dupré", "helene-dupre"),
        ("Łukasz Żółw", "lukasz-zolw"),
        ("Иван Петров", "ivan-petrov"),
        ("王小明", "wangxiaoming"),
        ("Jean-Pierre O'Neil", "jean-pierre-o-neil"),
        ("  --Marc   LEROY--  ", "marc-leroy"),
        ("Straße", "strasse"),
        ("Marie 🌸", "marie"),
        ("", "contact"),
        ("😀🎉", "contact"),
        ("!!! ... ???", "contact"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("--output=x", "output-x"),
        ("CON", "con-contact"),
        ("nul", "nul-contact"),
        ("Com1", "com1-contact"),
        ("LPT9", "lpt9-contact"),
        ("con tact", "con-tact"),
        ("com10", "com10"),
        ("שלום עליכם", "slvm-lykhm"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugify_cuts_long_names_at_a_dash() -> None:
    name = " ".join(["Maximilian"] * 10)
    slug = slugify(name)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug == "-".join(["maximilian"] * 5)
    assert slugify("x" * 100) == "x" * MAX_SLUG_LENGTH


@given(st.text())
def test_slugify_any_text_is_a_safe_slug(name: str) -> None:
    slug = slugify(name)
    assert SLUG.match(slug)
    assert 0 < len(slug) <= MAX_SLUG_LENGTH
    assert "/" not in slug and ".." not in slug and "\\" not in slug
    assert not slug.startswith("-")
    assert slug not in {"con", "prn", "aux", "nul"}
    assert is_slug(slug)


@given(st.text())
def test_slugify_is_idempotent(name: str) -> None:
    slug = slugify(name)
    assert slugify(slug) == slug


def test_unique_slug_with_a_container() -> None:
    assert unique_slug("anna", set()) == "anna"
    assert unique_slug("anna", {"anna"}) == "anna-2"
    assert unique_slug("anna", {"anna", "anna-2", "anna-3"}) == "anna-4"


def test_unique_slug_with_a_callable() -> None:
    taken = {"anna", "anna-2"}
    assert unique_slug("anna", lambda s: s in taken) == "anna-3"


def test_unique_slug_stays_within_the_length_limit() -> None:
    base = "a" * 30 + "-" + "b" * 29
    assert len(base) == MAX_SLUG_LENGTH
    slug = unique_slug(base, {base})
    assert len(slug) <= MAX_SLUG_LENGTH and is_slug(slug) and slug.endswith("-2")


@pytest.mark.parametrize("bad", ["", "Anna", "../x", "a--b", "-a"])
def test_unique_slug_refuses_non_slugs(bad: str) -> None:
    with pytest.raises(ValueError):
        unique_slug(bad, set())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hélène  DUPRÉ", "helene dupre"),
        ("  Marc Leroy ", "marc leroy"),
        ("O'Neil, Jean-Pierre", "oneil jean pierre"),
        ("Łukasz Żółw", "LUKASZ ZOLW"),
        ("Straße", "strasse"),
    ],
)
def test_normalise_name_equates_variants(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_normalise_name_form() -> None:
    assert normalise_name("Hélène  DUPRÉ") == "helene dupre"
    assert normalise_name("Hélène 🌸 Dupré!") == "helene dupre"
    assert normalise_name("") == ""


def test_normalise_email() -> None:
    assert normalise_email("  Helene@DataCorp.Example \n") == "helene@datacorp.example"
    assert normalise_email("mailto:X@Y.example") == "x@y.example"


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        (
            "https://www.linkedin.com/in/helene-dupre/",
            "https://linkedin.com/in/helene-dupre",
        ),
        (
            "HTTP://WWW.LinkedIn.com/in/Helene-Dupre?trk=abc#x",
            "https://linkedin.com/in/helene-dupre",
        ),
        (
            "https://fr.linkedin.com/in/helene-dupre",
            "https://linkedin.com/in/helene-dupre",
        ),
        ("linkedin.com/in/helene-dupre", "https://linkedin.com/in/helene-dupre"),
        ("https://Example.org/Path/?q=1", "https://example.org/Path?q=1"),
        ("https://www.example.org/", "https://example.org"),
    ],
)
def test_normalise_link(url: str, normal: str) -> None:
    assert normalise_link(url) == normal


def test_normalise_link_keeps_queries_outside_linkedin_profiles() -> None:
    assert normalise_link("https://example.org/a?b=1") != normalise_link(
        "https://example.org/a?b=2"
    )
