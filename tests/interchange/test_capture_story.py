"""`reseau import ics|mail` on the story: a calendar and a mailbox built to match
examples/story reproduce its meetings and e-mails; a second import writes nothing; the
story as logged by hand is matched, not duplicated; --dry-run and --commit."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data" / "capture"
AS_OF = ("--as-of", "2016-05-03")
ME = "me: {emails: [camille.martin@example.org]}\n"

ICS_CREATED = (
    "create interactions/2016/2016-04-08-meeting-helene-dupre.yaml: "
    "meeting with helene-dupre: 'Coffee with Hélène'\n"
    "create interactions/2016/2016-04-18-meeting-karim-bonnet.yaml: "
    "meeting with karim-bonnet: 'Interview at Acme'\n"
    "create interactions/2016/2016-05-10-meeting-helene-dupre.yaml: "
    "meeting with helene-dupre (planned): 'Interview at Datacorp'\n"
)
ICS_SKIPS = "3 skipped: 1 cancelled, 1 declined, 1 no known attendee\n"
MAIL_CREATED = (
    "create interactions/2016/2016-04-09-email-marc-leroy.yaml: "
    "email with marc-leroy: 'Thank you for the introduction'\n"
    "create interactions/2016/2016-04-12-email-helene-dupre.yaml: "
    "email with helene-dupre: 'Merci Hélène'\n"
    "create interactions/2016/2016-04-12-email-marc-leroy.yaml: "
    "email with marc-leroy: 'Interview at Acme'\n"
    "create interactions/2016/2016-04-19-email-helene-dupre.yaml: "
    "email with helene-dupre: 'News after the interview'\n"
    "create interactions/2016/2016-04-19-email-karim-bonnet.yaml: "
    "email with karim-bonnet: 'Thank you for the interview'\n"
    "create interactions/2016/2016-04-26-email-helene-dupre.yaml: "
    "email with helene-dupre: 'The data-mesh article'\n"
    "create interactions/2016/2016-04-26-email-marc-leroy.yaml: "
    "email with marc-leroy: 'Acme: an internal candidate'\n"
)
MAIL_SKIPS = "4 skipped: 1 automatic reply, 1 mailing list, 1 no known address, 1 unreadable\n"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def _with_me(story: Path) -> Path:
    with (story / "reseau.yaml").open("a", encoding="utf-8") as handle:
        handle.write(ME)
    return story


@pytest.fixture
def bare_story(story: Path) -> Path:
    """The story without its meetings and e-mails (its calls and messages stay)."""
    for path in (story / "interactions" / "2016").iterdir():
        if "-meeting-" in path.name or "-email-" in path.name:
            path.unlink()
    return _with_me(story)


def test_the_story_comes_back_from_its_calendar_and_mailbox(
    bare_story: Path, story: Path, cli: Callable[..., Any]
) -> None:
    ics = cli("--ledger", str(bare_story), "import", "ics", str(DATA / "story.ics"), *AS_OF)
    assert (ics.code, ics.out) == (
        0,
        ICS_CREATED + f"story.ics: 6 events read, 3 matched, 3 written; {ICS_SKIPS}",
    )
    mail = cli("--ledger", str(bare_story), "import", "mail", str(DATA / "story.mbox"), *AS_OF)
    assert (mail.code, mail.out) == (
        0,
        MAIL_CREATED + f"story.mbox: 12 messages read, 8 matched, 7 written; {MAIL_SKIPS}",
    )
    originals = sorted(
        p.name
        for p in (Path(__file__).parents[2] / "examples/story/interactions/2016").iterdir()
        if "-meeting-" in p.name or "-email-" in p.name
    )
    imported = sorted(
        p.name
        for p in (bare_story / "interactions/2016").iterdir()
        if "-meeting-" in p.name or "-email-" in p.name
    )
    assert imported == originals
    assert (bare_story / "interactions/2016/2016-04-18-meeting-karim-bonnet.yaml").read_text(
        encoding="utf-8"
    ) == (
        "# yaml-language-server: $schema=../../schema/interaction.schema.json\n"
        "date: 2016-04-18\n"
        "with: [karim-bonnet]\n"
        "channel: meeting\n"
        "initiated_by: them\n"
        "summary: Interview at Acme\n"
        "source:\n"
        "  ics: interview-acme-20160418@acme.example\n"
    )
    check = cli("--ledger", str(bare_story), "check", "--format", "json", *AS_OF)
    assert check.code == 0 and '"error"' not in check.out
    before = _files(bare_story)
    again = cli("--ledger", str(bare_story), "import", "ics", str(DATA / "story.ics"), *AS_OF)
    assert again.out == (
        f"story.ics: 6 events read, 3 matched, 0 written, 3 already imported; {ICS_SKIPS}"
    )
    again = cli("--ledger", str(bare_story), "import", "mail", str(DATA / "story.mbox"), *AS_OF)
    assert again.out == (
        f"story.mbox: 12 messages read, 8 matched, 0 written, 7 already imported; {MAIL_SKIPS}"
    )
    assert _files(bare_story) == before


def test_what_was_logged_by_hand_is_reported_not_duplicated(
    story: Path, cli: Callable[..., Any]
) -> None:
    _with_me(story)
    before = _files(story)
    ics = cli("--ledger", str(story), "import", "ics", str(DATA / "story.ics"), *AS_OF)
    assert ics.out == (
        "logged by hand: interactions/2016/2016-04-08-meeting-helene-dupre.yaml "
        "(meeting with helene-dupre: 'Coffee with Hélène')\n"
        "logged by hand: interactions/2016/2016-04-18-meeting-karim-bonnet.yaml "
        "(meeting with karim-bonnet: 'Interview at Acme')\n"
        "logged by hand: interactions/2016/2016-05-10-meeting-helene-dupre.yaml "
        "(meeting with helene-dupre (planned): 'Interview at Datacorp')\n"
        f"story.ics: 6 events read, 3 matched, 0 written, 3 logged by hand; {ICS_SKIPS}"
    )
    mail = cli("--ledger", str(story), "import", "mail", str(DATA / "story.mbox"), *AS_OF)
    assert mail.out.count("logged by hand: ") == 7
    assert mail.out.endswith(
        f"story.mbox: 12 messages read, 8 matched, 0 written, 7 logged by hand; {MAIL_SKIPS}"
    )
    assert _files(story) == before


def test_dry_run_prints_what_it_would_write_and_writes_nothing(
    bare_story: Path, cli: Callable[..., Any]
) -> None:
    before = _files(bare_story)
    result = cli(
        "--ledger", str(bare_story), "import", "ics", str(DATA / "story.ics"), "--dry-run", *AS_OF
    )
    assert result.out == (
        ICS_CREATED
        + f"story.ics: 6 events read, 3 matched, 3 written; {ICS_SKIPS}"
        + "dry run: nothing written\n"
    )
    assert _files(bare_story) == before


def test_a_planned_meeting_becomes_held_once_its_day_has_passed(
    bare_story: Path, cli: Callable[..., Any]
) -> None:
    cli("--ledger", str(bare_story), "import", "ics", str(DATA / "story.ics"), *AS_OF)
    rel = "interactions/2016/2016-05-10-meeting-helene-dupre.yaml"
    assert "planned: true\n" in (bare_story / rel).read_text(encoding="utf-8")
    later = cli(
        "--ledger",
        str(bare_story),
        "import",
        "ics",
        str(DATA / "story.ics"),
        "--as-of",
        "2016-05-11",
    )
    assert later.out == (
        f"held {rel}: 2016-05-10 has passed\n"
        f"story.ics: 6 events read, 3 matched, 0 written, 1 now held, 2 already imported; "
        f"{ICS_SKIPS}"
    )
    assert "planned" not in (bare_story / rel).read_text(encoding="utf-8")


def test_no_subjects_keeps_no_summary(bare_story: Path, cli: Callable[..., Any]) -> None:
    result = cli(
        "--ledger",
        str(bare_story),
        "import",
        "mail",
        str(DATA / "story.mbox"),
        "--no-subjects",
        *AS_OF,
    )
    assert "create interactions/2016/2016-04-09-email-marc-leroy.yaml: email with marc-leroy\n" in (
        result.out
    )
    text = (bare_story / "interactions/2016/2016-04-09-email-marc-leroy.yaml").read_text()
    assert "summary" not in text


def test_no_message_body_reaches_the_ledger(bare_story: Path, cli: Callable[..., Any]) -> None:
    cli("--ledger", str(bare_story), "import", "mail", str(DATA / "story.mbox"), *AS_OF)
    everything = b"".join(_files(bare_story).values())
    assert b"See you soon" not in everything and b"Hello," not in everything


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("vcard", "a.vcf", "--since", "2016-01-01"),
            "--since is for `reseau import ics|mail` only",
        ),
        (
            ("mail", "a.mbox", "--update"),
            "--update is for `reseau import linkedin|vcard|google|outlook` only",
        ),
        (
            ("mail", "a.mbox", "--create-contacts"),
            "--create-contacts is for `reseau import ics` only",
        ),
        (("vcard", "a.vcf", "b.vcf"), "reseau import vcard takes one FILE (2 given)"),
        (("ics", "missing.ics"), "missing.ics: cannot read: No such file or directory"),
        (("mail", "missing"), "missing: no such file or folder"),
        (("ics", "story.mbox"), "not an iCalendar file"),
        (
            ("mail", "story.ics"),
            "story.ics: not an mbox file (it does not start with a 'From ' line)",
        ),
        (
            ("ics", "story.ics", "--since", "2016-05-01", "--until", "2016-04-01"),
            "--since 2016-05-01 is after --until 2016-04-01",
        ),
    ],
)
def test_usage_and_unreadable_files_are_one_line_and_exit_2(
    bare_story: Path,
    cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    message: str,
) -> None:
    monkeypatch.chdir(DATA)
    before = _files(bare_story)
    result = cli("--ledger", str(bare_story), "import", *args, *AS_OF)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1, result.err
    assert _files(bare_story) == before


def test_without_me_a_warning_says_what_is_guessed(story: Path, cli: Callable[..., Any]) -> None:
    result = cli(
        "--ledger", str(story), "import", "mail", str(DATA / "story.mbox"), "--dry-run", *AS_OF
    )
    assert result.err == (
        "reseau: warning: reseau.yaml has no `me: {emails: [...]}`: declined invitations "
        "cannot be told, and who wrote first is guessed\n"
    )


@pytest.mark.slow
def test_commit_commits_exactly_what_the_import_wrote(
    bare_story: Path, cli: Callable[..., Any]
) -> None:
    git = ["git", "-C", str(bare_story)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    result = cli(
        "--ledger", str(bare_story), "import", "ics", str(DATA / "story.ics"), "--commit", *AS_OF
    )
    assert result.code == 0, result.err
    shown = subprocess.run(
        [*git, "show", "--name-only", "--format=%s", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert shown == (
        "import ics: 3 files from story.ics\n\n"
        "interactions/2016/2016-04-08-meeting-helene-dupre.yaml\n"
        "interactions/2016/2016-04-18-meeting-karim-bonnet.yaml\n"
        "interactions/2016/2016-05-10-meeting-helene-dupre.yaml\n"
    )
