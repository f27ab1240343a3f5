"""Issue 19, finding 2: an edit replaces only the file it read.

Between an edit's read and its write, the file may be swapped for a link, turned into a
folder, or saved by the user's editor. `reseau.store.before_replace` runs at exactly that
moment (after the temporary file is written, before the last comparison and the rename):
these tests wrap it to change the file there, deterministically. Nothing may then be
written, the change must survive, and the command ends with one line and exit 2.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau import store
from tests.conftest import STORY_AS_OF, run_cli

MESSY = "relation: cold   # how we met\nname:   Paul Roux\n"
HAND_EDIT = b"name: Paul Roux\nrelation: cold\nnotes: typed in the editor meanwhile\n"
CHANGED = "changed while reseau was working on it; nothing written: run the command again"


def at_replace(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> list[str]:
    """Run action once, the first time a write reaches the moment before its rename."""
    seen: list[str] = []

    def hook(rel: str) -> None:
        seen.append(rel)
        if len(seen) == 1:
            action()

    monkeypatch.setattr(store, "before_replace", hook)
    return seen


@pytest.fixture
def messy(story: Path) -> Path:
    (story / "contacts" / "paul-roux.yaml").write_text(MESSY, encoding="utf-8")
    return story


def fmt(root: Path) -> tuple[int, str, str]:
    result = run_cli("--ledger", str(root), "fmt", "contacts/paul-roux.yaml")
    return result.code, result.out, result.err


def test_fmt_does_not_write_into_a_link_swapped_in_before_its_write(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = messy / "contacts" / "paul-roux.yaml"
    settings = (messy / "reseau.yaml").read_bytes()

    def swap() -> None:
        record.unlink()
        os.symlink("../reseau.yaml", record)

    monkeypatch.chdir(messy)
    at_replace(monkeypatch, swap)
    assert fmt(messy) == (2, "", f"contacts/paul-roux.yaml: {CHANGED}\n")
    assert (messy / "reseau.yaml").read_bytes() == settings
    assert record.is_symlink()
    assert not [p for p in (messy / "contacts").iterdir() if p.name.startswith(".")]


def test_fmt_on_a_record_turned_into_a_folder_says_so(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = messy / "contacts" / "paul-roux.yaml"

    def folder() -> None:
        record.unlink()
        record.mkdir()

    monkeypatch.chdir(messy)
    at_replace(monkeypatch, folder)
    assert fmt(messy) == (2, "", f"contacts/paul-roux.yaml: {CHANGED}\n")
    assert record.is_dir()


def test_fmt_keeps_a_hand_edit_saved_while_it_works(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = messy / "contacts" / "paul-roux.yaml"
    monkeypatch.chdir(messy)
    at_replace(monkeypatch, lambda: record.write_bytes(HAND_EDIT))
    assert fmt(messy) == (2, "", f"contacts/paul-roux.yaml: {CHANGED}\n")
    assert record.read_bytes() == HAND_EDIT
    assert fmt(messy)[0] == 0  # run again: formatted from the new content


def test_done_keeps_a_hand_edit_saved_while_it_works(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = "interactions/2016/2016-04-28-call-helene-dupre.yaml"
    record = story / rel
    edited = record.read_bytes() + b"# saved in the editor meanwhile\n"
    at_replace(monkeypatch, lambda: record.write_bytes(edited))
    result = run_cli(
        "--ledger", str(story), "--as-of", STORY_AS_OF, "done", "2016-04-28-call-helene-dupre"
    )
    assert (result.code, result.out, result.err) == (2, "", f"reseau: {rel}: {CHANGED}\n")
    assert record.read_bytes() == edited


def test_done_does_not_follow_a_link_swapped_in(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = "interactions/2016/2016-04-28-call-helene-dupre.yaml"
    record = story / rel
    outside = tmp_path / "victim.txt"
    outside.write_bytes(b"precious\n")

    def swap() -> None:
        record.unlink()
        os.symlink(outside, record)

    at_replace(monkeypatch, swap)
    result = run_cli(
        "--ledger", str(story), "--as-of", STORY_AS_OF, "done", "2016-04-28-call-helene-dupre"
    )
    assert (result.code, result.err) == (2, f"reseau: {rel}: {CHANGED}\n")
    assert outside.read_bytes() == b"precious\n"


def test_set_keeps_a_hand_edit_saved_while_it_works(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = story / "contacts" / "helene-dupre.yaml"
    edited = record.read_bytes() + b"# saved in the editor meanwhile\n"
    at_replace(monkeypatch, lambda: record.write_bytes(edited))
    result = run_cli(
        "--ledger", str(story), "--as-of", STORY_AS_OF, "set", "helene-dupre", "--tag", "ai"
    )
    assert (result.code, result.err) == (2, f"reseau: contacts/helene-dupre.yaml: {CHANGED}\n")
    assert record.read_bytes() == edited


CSV = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Marc,Leroy,https://fr.linkedin.com/in/MarcLeroy/,marc@batiplus.example,"
    '"Batiplus, SA",Project manager,03 Jan 2022\n'
)


def test_import_update_keeps_a_hand_edit_saved_while_it_works(
    make_ledger: Callable[[dict[str, str | bytes]], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_ledger({"contacts/marc-leroy.yaml": "name: Marc Leroy\n"})
    csv = root.parent / "Connections.csv"
    csv.write_text(CSV, encoding="utf-8")
    record = root / "contacts" / "marc-leroy.yaml"
    edited = b"name: Marc Leroy\nnotes: typed meanwhile\n"
    at_replace(monkeypatch, lambda: record.write_bytes(edited))
    result = run_cli("--ledger", str(root), "import", "linkedin", str(csv))
    assert (result.code, result.err) == (2, f"reseau: contacts/marc-leroy.yaml: {CHANGED}\n")
    assert record.read_bytes() == edited


def test_an_unchanged_file_is_replaced_and_no_temporary_stays(story: Path) -> None:
    rel = "contacts/helene-dupre.yaml"
    snap = store.read_snapshot(story, rel)
    store.replace_atomic(story, rel, snap.data + b"# x\n", expected=snap)
    assert (story / rel).read_bytes() == snap.data + b"# x\n"
    with pytest.raises(store.Changed):  # the snapshot is now stale
        store.replace_atomic(story, rel, b"name: Z\n", expected=snap)
    assert (story / rel).read_bytes() == snap.data + b"# x\n"
    assert not [p for p in (story / "contacts").iterdir() if p.name.startswith(".")]


def test_a_removed_record_is_its_own_name_not_what_it_points_to(story: Path) -> None:
    shutil.copy(story / "contacts" / "helene-dupre.yaml", story / "contacts" / "copy.yaml")
    os.symlink("copy.yaml", story / "contacts" / "link.yaml")
    store.remove_file(story, "contacts/link.yaml")
    assert (story / "contacts" / "copy.yaml").is_file()
    assert not (story / "contacts" / "link.yaml").is_symlink()
