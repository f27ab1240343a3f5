"""Relative dates, and safe writes inside the ledger."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from reseau.dates import parse_date
from reseau.store import (
    OutsideLedger,
    create_exclusive,
    has_modeline,
    modeline,
    replace_atomic,
    with_modeline,
)

AS_OF = dt.date(2016, 4, 8)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-05-03", "2016-05-03"),
        ("today", "2016-04-08"),
        ("Tomorrow", "2016-04-09"),
        ("yesterday", "2016-04-07"),
        ("+3d", "2016-04-11"),
        ("-2d", "2016-04-06"),
        ("+2w", "2016-04-22"),
        ("monday", "2016-04-11"),
        ("friday", "2016-04-15"),
        ("saturday", "2016-04-09"),
        ("lundi", "2016-04-11"),
        ("vendredi", "2016-04-15"),
    ],
)
def test_relative_dates(text: str, expected: str) -> None:
    assert parse_date(text, AS_OF).isoformat() == expected


@pytest.mark.parametrize("text", ["2016-02-30", "soon", "+3y", "3d", ""])
def test_bad_dates_say_what_is_accepted(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, AS_OF)


def test_modeline_is_relative_to_the_file() -> None:
    assert (
        modeline("contacts/a.yaml", "contact")
        == "# yaml-language-server: $schema=../schema/contact.schema.json"
    )
    assert modeline("interactions/2016/x.yaml", "interaction").endswith(
        "=../../schema/interaction.schema.json"
    )
    assert modeline("reseau.yaml", "settings").endswith("=schema/settings.schema.json")
    text = with_modeline("# a comment\r\nname: A\r\n", "contacts/a.yaml", "contact")
    assert text.startswith("# yaml-language-server:") and text.endswith(
        "# a comment\r\nname: A\r\n"
    )
    assert has_modeline(text) and with_modeline(text, "contacts/a.yaml", "contact") == text


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    create_exclusive(tmp_path, "contacts/a.yaml", "name: A\n")
    with pytest.raises(FileExistsError):
        create_exclusive(tmp_path, "contacts/a.yaml", "name: B\n")
    assert (tmp_path / "contacts/a.yaml").read_text() == "name: A\n"


@pytest.mark.parametrize("rel", ["../x.yaml", "/etc/x.yaml", "contacts/../../x.yaml", "a//b.yaml"])
def test_paths_must_stay_inside(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutsideLedger):
        create_exclusive(tmp_path / "ledger", rel, "x")


def test_no_escape_through_a_link(tmp_path: Path) -> None:
    root, outside = tmp_path / "ledger", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "contacts").symlink_to(outside)
    (outside / "a.yaml").write_text("name: A\n")
    with pytest.raises(OutsideLedger):
        create_exclusive(root, "contacts/b.yaml", "x")
    with pytest.raises(OutsideLedger):
        replace_atomic(root, "contacts/a.yaml", "x")
    assert sorted(p.name for p in outside.iterdir()) == ["a.yaml"]


def test_replace_atomic_keeps_the_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "contacts" / "a.yaml"
    path.parent.mkdir()
    path.write_text("name: A\n")
    os.chmod(path, 0o640)
    replace_atomic(tmp_path, "contacts/a.yaml", b"name: B\r\n")
    assert path.read_bytes() == b"name: B\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["a.yaml"]
