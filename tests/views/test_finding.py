"""`reseau ls` and `reseau suggest`: on the story, on a fixture built for each reason, and
filters on a generated ledger checked against rows computed here from the YAML itself."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.generate import AS_OF as GEN_AS_OF
from benchmarks.generate import generate
from tests.conftest import STORY_AS_OF, Result
from tests.views.finding_fixture import AS_OF, FILES

LATE = "2016-06-30"
MakeLedger = Callable[[dict[str, str | bytes]], Path]


def test_ls_on_the_story(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "ls", "--as-of", STORY_AS_OF)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "NAME          ID            ORGANIZATION  ROLE             LAST IN TOUCH        OPEN\n"
        "Hélène Dupré  helene-dupre  Datacorp      Head of data     2016-04-28 (5d ago)  4\n"
        "Karim Bonnet  karim-bonnet  Acme          Analytics lead   2016-04-25 (8d ago)  1\n"
        "Marc Leroy    marc-leroy    Batiplus      Project manager  2016-04-29 (4d ago)  2\n"
        "3 contacts\n"
    )


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["HELENE"], ["helene-dupre"]),
        (["dupré"], ["helene-dupre"]),
        (["Hélène D."], ["helene-dupre"]),  # an alias
        (["karim-bon"], ["karim-bonnet"]),  # an id fragment
        (["datacorp"], ["helene-dupre"]),  # the organisation
        (["--org", "acme"], ["karim-bonnet"]),
        (["--tag", "DATA"], ["helene-dupre", "karim-bonnet"]),
        (["--relation", "former-colleague"], ["marc-leroy"]),
        (["--seen-before", "2016-04-28"], ["karim-bonnet"]),
        (["--seen-after", "-5d"], ["helene-dupre", "marc-leroy"]),
        (["--never"], []),
        (["--sort", "last"], ["marc-leroy", "helene-dupre", "karim-bonnet"]),
        (["--sort", "org"], ["karim-bonnet", "marc-leroy", "helene-dupre"]),
        (["nobody"], []),
    ],
)
def test_ls_filters_on_the_story(
    story: Path, cli: Callable[..., Result], args: list[str], ids: list[str]
) -> None:
    result = cli("--ledger", str(story), "ls", "--as-of", STORY_AS_OF, "--format", "json", *args)
    assert result.code == 0, result.err
    assert [c["id"] for c in json.loads(result.out)["contacts"]] == ids


def test_ls_json_and_empty_table(story: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(story), "ls", "--as-of", STORY_AS_OF, "--format", "json", "karim")
    assert json.loads(out.out)["contacts"] == [
        {
            "id": "karim-bonnet",
            "name": "Karim Bonnet",
            "organization": "Acme",
            "role": "Analytics lead",
            "relation": "introduced",
            "status": "active",
            "tags": ["data", "acme"],
            "last_interaction": "2016-04-25",
            "days_since": 8,
            "open_loops": 1,
            "path": "contacts/karim-bonnet.yaml",
        }
    ]
    empty = cli("--ledger", str(story), "ls", "--as-of", STORY_AS_OF, "--never")
    assert (empty.code, empty.out) == (0, "No contact matches.\n")


def test_ls_bad_dates_say_why(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "ls", "--seen-before", "2016-02-30")
    assert (result.code, result.err) == (
        2,
        "reseau: --seen-before: 2016-02-30: February 2016 has 29 days\n",
    )


def test_ls_on_the_fixture(make_ledger: MakeLedger, cli: Callable[..., Result]) -> None:
    root = make_ledger(dict(FILES))
    out = cli("--ledger", str(root), "ls", "--as-of", AS_OF, "--never", "--sort", "org").out
    assert out == (
        "NAME        ID          ORGANIZATION  ROLE           LAST IN TOUCH  OPEN\n"
        "Zoé Martin  zoe-martin  Acme          Head of data   never          0\n"
        "Léa Petit   lea-petit   Batiplus      Data engineer  never          1\n"
        "Ugo Blanc   ugo-blanc   Batiplus      -              never          0\n"
        "Théo Noir   theo-noir   Globex        -              never          0\n"
        "Nina Roux   nina-roux   Initech       CTO            never          0\n"
        "Ida Vert    ida-vert    -             -              never          0\n"
        "Old Friend  old-friend  -             -              never          0\n"
        "7 contacts\n"
    )


# --- a generated ledger, against rows computed here from the files themselves


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    """A 150-contact ledger, and per contact its fields and last interaction that happened."""
    root = tmp_path_factory.mktemp("generated") / "ledger"
    generate(root, contacts=150, interactions=700, opportunities=10, seed=7)
    people = {
        p.stem: dict(yaml.safe_load(p.read_text(encoding="utf-8")), last=None)
        for p in (root / "contacts").glob("*.yaml")
    }
    for path in (root / "interactions").rglob("*.yaml"):
        inter = yaml.safe_load(path.read_text(encoding="utf-8"))
        day = (
            inter["date"]
            if isinstance(inter["date"], dt.date)
            else dt.date.fromisoformat(inter["date"])
        )
        if inter.get("planned") or day > GEN_AS_OF:
            continue
        for cid in inter["with"]:
            if people[cid]["last"] is None or people[cid]["last"] < day:
                people[cid]["last"] = day
    return root, people


def _expected(
    people: dict[str, dict[str, Any]], keep: Callable[[dict[str, Any]], bool]
) -> set[str]:
    return {cid for cid, c in people.items() if keep(c)}


@pytest.mark.parametrize(
    ("args", "keep"),
    [
        ([], lambda c: True),
        (["--org", "conseil"], lambda c: "conseil" in _fold(c.get("organization") or "")),
        (["--tag", "python"], lambda c: "python" in c.get("tags", [])),
        (["--status", "dormant"], lambda c: c.get("status", "active") == "dormant"),
        (["--relation", "cold"], lambda c: c.get("relation") == "cold"),
        (["--never"], lambda c: c["last"] is None),
        (
            ["--seen-before", "2020-01-01"],
            lambda c: c["last"] is not None and c["last"] < dt.date(2020, 1, 1),
        ),
        (
            ["--seen-after", "2026-06-01", "--org", "a"],
            lambda c: (
                c["last"] is not None
                and c["last"] >= dt.date(2026, 6, 1)
                and "a" in _fold(c.get("organization") or "")
            ),
        ),
        (
            ["ele"],
            lambda c: (
                "ele" in _fold(c["name"])
                or any("ele" in _fold(a) for a in c.get("aliases", []))
                or "ele" in _fold(c.get("organization") or "")
            ),
        ),
    ],
)
def test_ls_filters_on_a_generated_ledger(
    generated: tuple[Path, dict[str, dict[str, Any]]],
    cli: Callable[..., Result],
    args: list[str],
    keep: Callable[[dict[str, Any]], bool],
) -> None:
    root, people = generated
    result = cli(
        "--ledger", str(root), "ls", "--as-of", GEN_AS_OF.isoformat(), "--format", "json", *args
    )
    rows = json.loads(result.out)["contacts"]
    assert {r["id"] for r in rows} == _expected(people, keep)
    for row in rows:
        last = people[row["id"]]["last"]
        assert row["last_interaction"] == (last.isoformat() if last else None)


def test_ls_sort_last_on_a_generated_ledger(
    generated: tuple[Path, dict[str, dict[str, Any]]], cli: Callable[..., Result]
) -> None:
    root, people = generated
    out = cli(
        "--ledger",
        str(root),
        "ls",
        "--as-of",
        GEN_AS_OF.isoformat(),
        "--format",
        "json",
        "--sort",
        "last",
    ).out
    days = [r["last_interaction"] or "" for r in json.loads(out)["contacts"]]
    assert days == sorted(days, reverse=True)
    assert len(days) == len(people)


# --- suggest


def test_suggest_on_the_story_at_its_date(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "suggest", "--as-of", STORY_AS_OF)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Nobody to approach right now: everyone introduced or referred to you has been "
        "contacted, nobody at an open opportunity's organisation is waiting, and everyone who "
        "helped you is within their cadence.\n"
        "Add the people you would like to meet (`reseau add NAME --introduced-by ID`), or import "
        "your address book (`reseau import linkedin FILE`).\n"
    )


def test_suggest_on_the_story_later(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "suggest", "--as-of", LATE)
    assert result.out == (
        "Whom to approach next, as of 2016-06-30:\n"
        "\n"
        "1. Marc Leroy (Project manager, Batiplus)  contacts/marc-leroy.yaml\n"
        "   why: helped you before (advice, referral); last in touch 29 Apr, 62 days ago (P5)\n"
        "   path: you know them directly — tell them what came of their help, and plan the next "
        "occasion (P4, P5)\n"
        "\n"
        "2. Hélène Dupré (Head of data, Datacorp)  contacts/helene-dupre.yaml\n"
        "   why: helped you before (advice, referral, news, opportunity); last in touch 28 Apr, "
        "63 days ago (P5)\n"
        "   path: you know them directly — tell them what came of their help, and plan the next "
        "occasion (P4, P5)\n"
        "\n"
        "3. Karim Bonnet (Analytics lead, Acme)  contacts/karim-bonnet.yaml\n"
        "   why: helped you before (information, news, opportunity); last in touch 25 Apr, "
        "66 days ago (P5)\n"
        "   path: you know them directly — tell them what came of their help, and plan the next "
        "occasion (P4, P5)\n"
    )
    limited = cli("--ledger", str(story), "suggest", "--as-of", LATE, "--limit", "1").out
    assert limited.endswith("\n… and 2 more (--limit 3 shows them all).\n")
    assert cli("--ledger", str(story), "suggest", "--limit", "0").code == 2


FIXTURE_SUGGESTIONS = (
    "Whom to approach next, as of 2016-05-03:\n"
    "\n"
    "1. Léa Petit (Data engineer, Batiplus)  contacts/lea-petit.yaml\n"
    "   why: referred by Marc Leroy on 10 Jan, not contacted yet (P1)\n"
    "   path: through Marc Leroy → Léa Petit — mention Marc Leroy's recommendation, then tell "
    "Marc Leroy how it went\n"
    "\n"
    "2. Nina Roux (CTO, Initech)  contacts/nina-roux.yaml\n"
    "   why: introduced by Paul Froid, not contacted yet (P1)\n"
    "   path: no warm path yet — find someone who knows them first (`reseau path Initech`)\n"
    "\n"
    "3. Omar Haddad (ACME)  contacts/omar-haddad.yaml\n"
    "   why: at Acme, where Data analyst is open (applied); not in touch since it opened on "
    "11 Apr (P1, P6)\n"
    "   path: you know them directly; last in touch 1 Feb\n"
    "\n"
    "4. Zoé Martin (Head of data, Acme)  contacts/zoe-martin.yaml\n"
    "   why: at Acme, where Data analyst is open (applied); not in touch since it opened on "
    "11 Apr (P1, P6)\n"
    "   path: through Karim Bonnet → Zoé Martin — ask Karim Bonnet to introduce you\n"
    "\n"
    "5. Marc Leroy (Project manager, Batiplus)  contacts/marc-leroy.yaml\n"
    "   why: helped you before (advice, referral); last in touch 10 Jan, 114 days ago (P5)\n"
    "   path: you know them directly — tell them what came of their help, and plan the next "
    "occasion (P4, P5)\n"
    "\n"
    "6. Ugo Blanc (Batiplus)  contacts/ugo-blanc.yaml\n"
    "   why: never contacted (P6)\n"
    "   path: through Marc Leroy → Ugo Blanc — ask Marc Leroy to introduce you\n"
    "\n"
    "7. Ida Vert  contacts/ida-vert.yaml\n"
    "   why: never contacted (P6)\n"
    "   path: no warm path yet — find someone who knows them first\n"
    "\n"
    "8. Théo Noir (Globex)  contacts/theo-noir.yaml\n"
    "   why: never contacted (P6)\n"
    "   path: no warm path yet — find someone who knows them first (`reseau path Globex`)\n"
)


def test_suggest_each_reason(make_ledger: MakeLedger, cli: Callable[..., Result]) -> None:
    """Referred (P1), introduced through a cold contact (no warm path), at an open
    opportunity (known directly, or through its `via`), helped before (P5), never contacted
    (a colleague in touch, a cold colleague, oneself as introducer); archived: never."""
    root = make_ledger(dict(FILES))
    result = cli("--ledger", str(root), "suggest", "--as-of", AS_OF)
    assert (result.code, result.err) == (0, "")
    assert result.out == FIXTURE_SUGGESTIONS


def test_no_warm_path_through_the_person_or_a_cold_contact(make_ledger: MakeLedger) -> None:
    from reseau.load import load_ledger
    from reseau.views.suggest import suggest

    ledger = load_ledger(make_ledger(dict(FILES))).ledger
    for s in suggest(ledger, dt.date.fromisoformat(AS_OF)):
        assert s.contact.id not in s.path[:-1]
        assert "paul-froid" not in s.path
        assert not s.path or s.path[-1] == s.contact.id


def test_path_never_calls_a_cold_contact_known_directly(
    make_ledger: MakeLedger, cli: Callable[..., Result]
) -> None:
    root = make_ledger(dict(FILES))
    assert cli("--ledger", str(root), "path", "globex", "--as-of", AS_OF).out == (
        "At Globex:\n"
        "\n"
        "People you know there:\n"
        "  Paul Froid (contacts/paul-froid.yaml)\n"
        "    cold: nobody introduced you (relation: cold)\n"
        "    last in touch: 2016-04-01\n"
        "  Théo Noir (contacts/theo-noir.yaml)\n"
        "    not met yet, and nobody introduced you\n"
        "    last in touch: never\n"
    )
