"""Everyday edits without hand-written YAML (issue 12): REF resolution, add on an existing
name, set with history, opp add/stage, held, drop, archived and dormant contacts, edit.
Each edit changes exactly the intended lines: the tests assert the whole new text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reseau.commands.common import Env, open_ledger
from reseau.errors import FatalError
from reseau.refs import resolve_contact
from tests.conftest import STORY_AS_OF, Result

PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\naliases: [Léna]\n",
    "contacts/helene-martin.yaml": "name: Hélène Martin\n",
    "contacts/marc-leroy.yaml": "name: Marc Leroy\n",
    "contacts/marc.yaml": "name: Marc\n",
}

# A contact file as people write them: comments, flow lists, quotes, accents, CRLF.
MESSY = (
    "# Hélène, met at the Lyon data meetup\r\n"
    'name: "Hélène Dupré"   # as she signs\r\n'
    "organization: 'Datacorp'\r\n"
    "role: Head of data\r\n"
    "\r\n"
    "emails: [ helene@datacorp.example ]   # work\r\n"
    "tags: [data,  lyon]\r\n"
    "cadence: 45        # days\r\n"
    "notes: |\r\n"
    "  Leads a team of six; « budget gelé ».\r\n"
)


def ledger_env(root: Path, day: str = "2016-05-03") -> Env:
    return Env(root, dt.date.fromisoformat(day), root)


# -- REF ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "cid"),
    [
        ("helene-dupre", "helene-dupre"),
        ("contacts/helene-dupre.yaml", "helene-dupre"),
        ("dupre", "helene-dupre"),
        ("DUPRÉ", "helene-dupre"),
        ("hélène d", "helene-dupre"),
        ("lena", "helene-dupre"),  # an alias, accents ignored
        ("martin", "helene-martin"),
        ("marc", "marc"),  # a name that is exactly the fragment wins
        ("leroy", "marc-leroy"),
    ],
)
def test_a_ref_names_one_contact(make_ledger: Callable[..., Path], ref: str, cid: str) -> None:
    ledger = open_ledger(ledger_env(make_ledger(PEOPLE))).ledger
    assert resolve_contact(ledger, ref) == cid


def test_an_ambiguous_ref_lists_the_candidates(
    make_ledger: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli("--ledger", str(root), "show", "helene")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "reseau: 'helene' matches 2 contacts; give one of these ids:\n"
        "  helene-dupre   Hélène Dupré\n"
        "  helene-martin  Hélène Martin\n"
    )
    result = cli("--ledger", str(root), "log", "hel", "--date", "2016-04-01")
    assert result.code == 2 and "matches 2 contacts" in result.err
    assert not (root / "interactions").exists()  # nothing written on a guess
    with pytest.raises(FatalError) as caught:
        resolve_contact(open_ledger(ledger_env(root)).ledger, "zoé")
    assert caught.value.code == 2


def test_log_and_add_take_refs(
    make_ledger: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli(
        "--ledger", str(root), "log", "dupré", "--date", "2016-04-01", "--as-of", "2016-04-02"
    )
    assert result.out == "interactions/2016/2016-04-01-helene-dupre.yaml\n"
    assert "with: [helene-dupre]\n" in (root / result.out.strip()).read_text()
    result = cli("--ledger", str(root), "add", "Karim Bonnet", "--introduced-by", "Léna")
    assert result.code == 0
    assert "introduced_by: helene-dupre\n" in (root / "contacts/karim-bonnet.yaml").read_text()


# -- add on an existing name -------------------------------------------------------------------


def test_add_refuses_an_existing_name(
    make_ledger: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(PEOPLE)
    result = cli("--ledger", str(root), "add", "helene DUPRE", "--org", "Lumen Santé")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "reseau: helene DUPRE is already in the ledger: contacts/helene-dupre.yaml\n"
        "  to change that contact: reseau set helene-dupre --org 'Lumen Santé'\n"
        "  to add another person of the same name: the same command with --new\n"
    )
    assert sorted(p.name for p in (root / "contacts").iterdir())[0] == "helene-dupre.yaml"
    assert not (root / "contacts/helene-dupre-2.yaml").exists()
    result = cli("--ledger", str(root), "add", "Hélène Dupré", "--new")
    assert (result.code, result.out) == (0, "contacts/helene-dupre-2.yaml\n")


# -- set ---------------------------------------------------------------------------------------


def test_set_changes_only_the_intended_lines(
    make_ledger: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger({"contacts/helene-dupre.yaml": MESSY.encode("utf-8")})
    result = cli(
        "--ledger", str(root), "set", "dupre", "--org", "Acme", "--tag", "santé",
        "--email", "h@acme.example", "--as-of", "2016-11-30",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "contacts/helene-dupre.yaml\n"
        "  history: was Head of data at Datacorp until 2016-11-30\n"
        "  role 'Head of data' removed with the old organisation (give --role)\n"
    )
    assert (root / "contacts/helene-dupre.yaml").read_bytes().decode("utf-8") == (
        "# Hélène, met at the Lyon data meetup\r\n"
        'name: "Hélène Dupré"   # as she signs\r\n'
        "organization: 'Acme'\r\n"
        "\r\n"
        "emails: [helene@datacorp.example, h@acme.example]   # work\r\n"
        "tags: [data, lyon, santé]\r\n"
        "cadence: 45        # days\r\n"
        "history:\r\n"
        "  - {organization: Datacorp, role: Head of data, until: 2016-11-30}\r\n"
        "notes: |\r\n"
        "  Leads a team of six; « budget gelé ».\r\n"
    )
    show = cli("--ledger", str(root), "show", "helene", "--as-of", "2016-12-01").out
    assert "was:          Head of data at Datacorp until 2016-11-30\n" in show
    again = cli("--ledger", str(root), "set", "dupre", "--org", "Acme")
    assert again.out == "contacts/helene-dupre.yaml: unchanged\n"
    result = cli("--ledger", str(root), "set", "dupre", "--role", "CTO", "--as-of", "2017-01-02")
    text = (root / "contacts/helene-dupre.yaml").read_bytes().decode("utf-8")
    assert "organization: 'Acme'\r\nrole: CTO\r\n\r\nemails:" in text
    assert (
        "history:\r\n"
        "  - {organization: Acme, until: 2017-01-02}\r\n"
        "  - {organization: Datacorp, role: Head of data, until: 2016-11-30}\r\n"
    ) in text
    assert cli("--ledger", str(root), "check", "--as-of", "2017-01-02").code == 0


def test_set_refuses_a_bad_value(
    make_ledger: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(PEOPLE)
    before = (root / "contacts/marc.yaml").read_bytes()
    result = cli("--ledger", str(root), "set", "marc", "--introduced-by", "marc")
    assert result.code == 2 and "cannot introduce themselves" in result.err
    assert (root / "contacts/marc.yaml").read_bytes() == before


# -- opportunities -----------------------------------------------------------------------------


def test_opp_add_and_stage(make_ledger: Callable[..., Path], cli: Callable[..., Result]) -> None:
    root = make_ledger(PEOPLE)
    result = cli(
        "--ledger", str(root), "opp", "add", "Data analyst", "--org", "Acme", "--via", "leroy",
        "--as-of", "2016-04-11",
    )  # fmt: skip
    assert (result.code, result.out) == (0, "opportunities/acme-data-analyst.yaml\n")
    path = root / "opportunities/acme-data-analyst.yaml"
    path.write_text(
        path.read_text().replace("stages:\n", "stages:   # oldest first\n"), encoding="utf-8"
    )
    result = cli(
        "--ledger", str(root), "opp", "stage", "acme", "interview", "--as-of", "2016-04-18"
    )
    assert result.out == "opportunities/acme-data-analyst.yaml: interview on 2016-04-18\n"
    assert path.read_text() == (
        "# yaml-language-server: $schema=../schema/opportunity.schema.json\n"
        "title: Data analyst\norganization: Acme\nvia: marc-leroy\n"
        "stages:   # oldest first\n"
        "  - date: 2016-04-11\n    stage: lead\n"
        "  - date: 2016-04-18\n    stage: interview\n"
    )
    early = cli("--ledger", str(root), "opp", "stage", "acme", "offer", "--date", "2016-04-12")
    assert early.code == 2 and "before the last stage (interview on 2016-04-18)" in early.err


def test_opp_stage_keeps_flow_items(story: Path, cli: Callable[..., Result]) -> None:
    rel = "opportunities/datacorp-data-analyst.yaml"
    before = (story / rel).read_text()
    result = cli(
        "--ledger", str(story), "opp", "stage", "datacorp", "offer", "--date", "2016-05-12",
        "--note", "à négocier",
    )  # fmt: skip
    assert result.code == 0
    assert (story / rel).read_text() == (
        before + "  - {date: 2016-05-12, stage: offer, note: à négocier}\n"
    )


# -- held and drop -----------------------------------------------------------------------------


def test_held_turns_a_planned_meeting_into_one_that_happened(
    story: Path, cli: Callable[..., Result]
) -> None:
    old = "interactions/2016/2016-05-10-meeting-helene-dupre.yaml"
    text = (story / old).read_text()
    early = cli("--ledger", str(story), "held", "dupre", "--as-of", "2016-05-03")
    assert early.code == 2 and "give --date" in early.err
    result = cli(
        "--ledger", str(story), "held", "helene", "--as-of", "2016-05-12", "--date", "2016-05-11",
        "--gave", "interest", "--next", "Send thanks", "--next-due", "+2d",
    )  # fmt: skip
    new = "interactions/2016/2016-05-11-meeting-helene-dupre.yaml"
    assert (result.code, result.out, result.err) == (0, f"{new}: held on 2016-05-11\n", "")
    assert not (story / old).exists()
    assert (story / new).read_text() == text.replace(
        "date: 2016-05-10", "date: 2016-05-11"
    ).replace(
        "planned: true                   # scheduled; set to false (or remove) once it has happened\n",
        "",
    ).replace(
        "summary: Interview at Datacorp with Hélène and two of her team.\n",
        "summary: Interview at Datacorp with Hélène and two of her team.\ngave: [interest]\n"
        "next:\n  action: Send thanks\n  due: 2016-05-13\n",
    )
    again = cli("--ledger", str(story), "held", new.rsplit("/", 1)[1], "--as-of", "2016-05-12")
    assert again.code == 1


def test_drop_a_next_step_and_a_promise(story: Path, cli: Callable[..., Result]) -> None:
    rel = "interactions/2016/2016-04-28-call-helene-dupre.yaml"
    before = (story / rel).read_text()
    agenda = cli("--ledger", str(story), "agenda", "--as-of", "2016-05-03").out
    assert "Send an updated CV" in agenda
    result = cli(
        "--ledger", str(story), "drop", f"{rel.rsplit('/', 1)[1][:-5]}#1", "--reason",
        "she has it already", "--as-of", "2016-05-03",
    )  # fmt: skip
    assert result.code == 0
    after = (story / rel).read_text()
    assert after.replace("    dropped: 2016-05-03\n    reason: she has it already\n", "") == before
    for view in (("agenda", "--days", "30"), ("export", "ics"), ("report",)):
        out = cli("--ledger", str(story), *view, "--as-of", "2016-05-03").out
        assert "updated CV" not in out, view
    assert cli("--ledger", str(story), "check", "--as-of", "2016-06-30").out.count("R006") == 0
    again = cli("--ledger", str(story), "drop", f"{rel.rsplit('/', 1)[1][:-5]}#1", "--reason", "x")
    assert again.code == 1
    nothing = cli("--ledger", str(story), "drop", "karim", "--reason", "x", "--as-of", "2016-04-12")
    assert nothing.code == 0  # the call of 11 April plans the interview: its next step
    assert (
        "dropped: 2016-04-12\n  reason: x\n"
        in (story / "interactions/2016/2016-04-11-call-karim-bonnet.yaml").read_text()
    )


def test_archived_contacts_owe_nothing_and_dormant_ones_get_no_reminder(
    story: Path, cli: Callable[..., Result]
) -> None:
    late = "2016-06-30"
    agenda = cli("--ledger", str(story), "agenda", "--as-of", late).out
    assert "Karim" in agenda
    assert cli("--ledger", str(story), "set", "karim", "--status", "archived").code == 0
    for view in (("agenda",), ("export", "ics"), ("report",)):
        out = cli("--ledger", str(story), *view, "--as-of", late).out
        assert "Send Karim news" not in out, view
    check = cli("--ledger", str(story), "check", "--as-of", late, "--format", "json").out
    assert "karim-bonnet" not in check.replace("karim-bonnet.yaml", "") or "R0" not in check
    verbose = cli("--ledger", str(story), "check", "--as-of", "2017-06-30", "--verbose").out
    assert "Karim Bonnet" not in verbose
    cli("--ledger", str(story), "set", "marc", "--status", "dormant")
    verbose = cli("--ledger", str(story), "check", "--as-of", "2017-06-30", "--verbose").out
    assert "R009" not in [
        w for line in verbose.splitlines() if "Marc" in line for w in line.split()
    ]


# -- edit --------------------------------------------------------------------------------------


class Editor:
    """$EDITOR in a test: each answer is a function of the buffer, or None (not saved)."""

    interactive = True

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.shown: list[str] = []

    def confirm(self, text: str) -> bool:
        return True

    def prompt(self, text: str, default: str) -> str:
        return default

    def edit(self, text: str) -> str | None:
        self.shown.append(text)
        answer = self.answers.pop(0)
        return answer(text) if callable(answer) else answer


def test_edit_unchanged_writes_nothing(story: Path) -> None:
    from reseau.commands.edit import run

    path = story / "contacts/karim-bonnet.yaml"
    before = path.stat().st_mtime_ns
    out = io.StringIO()
    assert run(ledger_env(story), "karim", False, Editor(lambda t: t), out) == 0
    assert out.getvalue() == "contacts/karim-bonnet.yaml: unchanged\n"
    assert path.stat().st_mtime_ns == before
    assert run(ledger_env(story), "karim", False, Editor(None), out) == 0


def test_edit_reopens_until_sound_and_reads_the_ledger_again(story: Path) -> None:
    from reseau.commands.edit import run

    path = story / "contacts/karim-bonnet.yaml"
    original = path.read_text()

    def point_at_a_stranger(text: str) -> str:
        return text.replace("introduced_by: helene-dupre", "introduced_by: zoe-roux")

    def create_her_meanwhile(text: str) -> str:
        assert "# reseau:   introduced_by: no contact 'zoe-roux' in the ledger" in text
        (story / "contacts/zoe-roux.yaml").write_text("name: Zoé Roux\n", encoding="utf-8")
        return text  # saved again as it is: now sound

    editor = Editor(point_at_a_stranger, create_her_meanwhile)
    out = io.StringIO()
    assert run(ledger_env(story), "karim-bonnet", False, editor, out) == 0
    assert out.getvalue() == "contacts/karim-bonnet.yaml\n"
    assert path.read_text() == point_at_a_stranger(original)


def test_edit_shows_schema_problems_at_the_lines_the_user_sees(story: Path) -> None:
    from reseau.commands.edit import run

    editor = Editor(lambda t: t.replace("cadence: 30", "cadence: often"), None)
    out = io.StringIO()
    assert run(ledger_env(story), "marc", False, editor, out) == 0
    shown = editor.shown[1].split("\n")
    assert shown[0].startswith("# reseau: the record has problems")
    line = int(shown[1].split("line ")[1].split(",")[0])
    assert shown[line - 1].startswith("cadence: often")
    assert "cadence: 30" in (story / "contacts/marc-leroy.yaml").read_text()


def test_story_check_silent(story: Path, cli: Callable[..., Result]) -> None:
    assert cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
