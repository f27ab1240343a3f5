"""rename and merge on the story: every reference rewritten through the round-trip editor,
every comment kept, no L001 afterwards, the same problems modulo the id; an interrupted
rename is finished by a second run."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

LATE = "2016-06-30"  # the story has problems then: they must survive a rename unchanged


def files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.yaml"))
        if ".git" not in p.parts
    }


def problems(cli: Callable[..., Result], root: Path, as_of: str = LATE) -> list[tuple[str, ...]]:
    out = cli("--ledger", str(root), "check", "--as-of", as_of, "--format", "json").out
    return [
        (p["path"], str(p["line"]), p["rule"], p["message"]) for p in json.loads(out)["problems"]
    ]


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def test_rename_rewrites_every_reference(story: Path, cli: Callable[..., Result]) -> None:
    before_files, before = files(story), problems(cli, story)
    assert before  # something to compare
    dry = cli("--ledger", str(story), "rename", "dupre", "helene-martin", "--dry-run")
    assert dry.code == 0 and dry.out.startswith("would rewrite contacts/karim-bonnet.yaml")
    assert files(story) == before_files
    result = cli("--ledger", str(story), "rename", "dupre", "helene-martin")
    assert (result.code, result.err) == (0, "")
    after_files = files(story)
    assert "contacts/helene-dupre.yaml" not in after_files
    assert not [name for name in after_files if "helene-dupre" in name]
    assert not [
        name
        for name, text in after_files.items()
        if "helene-dupre" in text and name != "contacts/helene-martin.yaml"  # her own links
    ]

    def renamed(text: str) -> str:
        return text.replace("helene-dupre", "helene-martin")

    assert [renamed(p) for p in map("\t".join, before)] == [
        renamed(p) for p in map("\t".join, problems(cli, story))
    ]
    assert cli("--ledger", str(story), "check", "--as-of", "2016-05-03").code == 0
    for name, text in before_files.items():
        new = renamed(name)
        assert comments(renamed(text)) == comments(after_files[new]) or (
            [c.split()[:] for c in comments(renamed(text))]
            == [c.split() for c in comments(after_files[new])]
        ), name
        # only the lines naming her changed
        old_lines, new_lines = text.splitlines(), after_files[new].splitlines()
        assert len(old_lines) == len(new_lines)
        changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
        assert all("helene-dupre" in a and "helene-martin" in b for a, b in changed), name


def test_rename_refuses_a_taken_id(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "rename", "dupre", "karim-bonnet")
    assert result.code == 2 and "contacts/karim-bonnet.yaml already exists" in result.err


def test_rename_an_opportunity(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "rename", "acme-data-analyst", "acme-analyst")
    assert result.code == 0
    assert (story / "opportunities/acme-analyst.yaml").exists()
    assert "acme-data-analyst" not in "".join(files(story).values())
    assert cli("--ledger", str(story), "check", "--as-of", "2016-05-03").code == 0


class Killed(BaseException):  # not an Exception: the crash handler lets it through, as a kill
    pass


def test_an_interrupted_rename_is_finished_by_a_second_run(
    story: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reseau.commands import rewrite

    calls = {"n": 0}
    real = rewrite.Writes.move

    def killed(self: rewrite.Writes, old: str, new: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise Killed  # as if killed after two moves
        real(self, old, new)

    monkeypatch.setattr(rewrite.Writes, "move", killed)
    with pytest.raises(Killed):
        cli("--ledger", str(story), "rename", "helene-dupre", "helene-martin")
    monkeypatch.setattr(rewrite.Writes, "move", real)
    assert (story / "contacts/helene-dupre.yaml").exists()  # the record moves last
    result = cli("--ledger", str(story), "rename", "helene-dupre", "helene-martin")
    assert result.code == 0 and "rewrite" not in result.out  # the references were done
    assert not [
        n for n, t in files(story).items() if "helene-dupre" in n + t and "contacts/" not in n
    ]
    assert cli("--ledger", str(story), "check", "--as-of", "2016-05-03").code == 0
    again = cli("--ledger", str(story), "rename", "helene-dupre", "helene-martin")
    assert (
        again.out == "nothing left to rename: contacts/helene-martin.yaml holds every reference\n"
    )


def test_a_move_killed_between_link_and_unlink_is_finished(
    story: Path, cli: Callable[..., Result]
) -> None:
    import os

    cli("--ledger", str(story), "rename", "karim", "karim-b", "--dry-run")
    os.link(story / "contacts/karim-bonnet.yaml", story / "contacts/karim-b.yaml")
    result = cli("--ledger", str(story), "rename", "karim-bonnet", "karim-b")
    assert result.code == 0 and "remove contacts/karim-bonnet.yaml (already moved)" in result.out
    assert not (story / "contacts/karim-bonnet.yaml").exists()
    assert cli("--ledger", str(story), "check", "--as-of", "2016-05-03").code == 0


def test_merge_two_duplicates(story: Path, cli: Callable[..., Result]) -> None:
    (story / "contacts/karim-b.yaml").write_text(
        "name: Karim B.   # from his card\nemails: [kb@acme.example]\nphones: ['+33 6 00']\n"
        "tags: [acme]\nnotes: |\n  Met at a meetup.\n",
        encoding="utf-8",
    )
    (story / "interactions/2016/2016-04-20-email-karim-b-and-marc-leroy.yaml").write_text(
        "date: 2016-04-20\nwith: [karim-b, marc-leroy]   # both\nchannel: email\ngave: [thanks]\n",
        encoding="utf-8",
    )
    dry = cli("--ledger", str(story), "merge", "karim-b", "karim-bonnet", "--dry-run")
    assert dry.out.splitlines()[-1] == "would remove contacts/karim-b.yaml"
    result = cli("--ledger", str(story), "merge", "karim-b", "karim-bonnet")
    assert (result.code, result.err) == (0, "")
    assert not (story / "contacts/karim-b.yaml").exists()
    moved = story / "interactions/2016/2016-04-20-email-karim-bonnet-and-marc-leroy.yaml"
    assert moved.read_text().startswith(
        "date: 2016-04-20\nwith: [karim-bonnet, marc-leroy]   # both\n"
    )
    karim = (story / "contacts/karim-bonnet.yaml").read_text()
    assert "emails: [karim.bonnet@acme.example, kb@acme.example]\n" in karim
    assert "phones: [+33 6 00]\n" in karim and "aliases: [Karim B.]\n" in karim
    assert karim.endswith("aliases: [Karim B.]\nnotes: |\n  Met at a meetup.\n")
    assert not [p for p in problems(cli, story, "2016-05-03") if p[2] == "L001"]


@pytest.mark.slow
def test_rename_in_git_commits_the_moves(story: Path, cli: Callable[..., Result]) -> None:
    git = ["git", "-C", str(story)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "story"], check=True)
    result = cli("--ledger", str(story), "rename", "dupre", "helene-martin", "--commit")
    assert result.code == 0, result.err
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""
    shown = subprocess.run(
        [*git, "show", "--stat", "--format=%s", "-M", "HEAD"], capture_output=True, text=True
    ).stdout
    assert shown.startswith("rename: helene-dupre -> helene-martin\n")
    assert "contacts/{helene-dupre.yaml => helene-martin.yaml} " in shown
