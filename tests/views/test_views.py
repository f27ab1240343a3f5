"""agenda, show, graph, path on the story, and their edge cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reseau.engine import ledger_loops
from reseau.load import load_ledger
from reseau.report.model import reconnect
from reseau.views.agenda import agenda
from reseau.views.graph import dot, mermaid, network
from tests.conftest import STORY_AS_OF, Result

LATE = "2016-06-30"


def test_agenda_at_story_date(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "agenda", "--as-of", STORY_AS_OF)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "2016-05-06  in 3 days  Keep your promise to Hélène Dupré: Send an updated CV before the "
        "interview  (interactions/2016/2016-04-28-call-helene-dupre.yaml)\n"
        "2016-05-09  in 6 days  Tell Hélène Dupré about Data analyst at Datacorp: interview  "
        "(opportunities/datacorp-data-analyst.yaml)\n"
        "2016-05-09  in 6 days  Tell Marc Leroy about Data analyst at Datacorp: interview  "
        "(opportunities/datacorp-data-analyst.yaml)\n"
        "2016-05-10  in 7 days  Planned meeting with Hélène Dupré: Interview at Datacorp with "
        "Hélène and two of her team.  (interactions/2016/2016-05-10-meeting-helene-dupre.yaml)\n"
        "2016-05-12  in 9 days  Next step with Marc Leroy: Tell Marc how the interview at "
        "Datacorp went  (interactions/2016/2016-04-29-message-marc-leroy.yaml)\n"
    )
    assert "\033[" not in result.out


def test_agenda_days_window(story: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(story), "agenda", "--as-of", STORY_AS_OF, "--days", "3").out
    assert out.count("\n") == 1 and out.startswith("2016-05-06  in 3 days  Keep your promise")
    assert cli("--ledger", str(story), "agenda", "--days", "-1").code == 2


def test_agenda_overdue_first_then_reconnect(story: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(story), "agenda", "--as-of", LATE).out
    status = [line[12:26].strip() for line in out.splitlines()]
    assert status == [
        "55 days late",
        "52 days late",
        "52 days late",
        "49 days late",
        "36 days late",
        "reconnect",
        "reconnect",
        "reconnect",
    ]
    # The day the reconnect is due (last contact 2016-04-29 + a 30-day cadence), not the last contact.
    assert out.splitlines()[5] == (
        "2016-05-29  reconnect     Reconnect with Marc Leroy: last in touch 62 days ago, "
        "cadence 30 days  (contacts/marc-leroy.yaml)"
    )


def test_a_planned_meeting_with_several_people_is_with_all_of_them(
    story: Path, cli: Callable[..., Result]
) -> None:
    planned = story / "interactions/2016/2016-05-10-meeting-helene-dupre.yaml"
    planned.write_text(
        planned.read_text(encoding="utf-8").replace(
            "with: [helene-dupre]", "with: [helene-dupre, karim-bonnet, marc-leroy]"
        ),
        encoding="utf-8",
    )
    out = cli("--ledger", str(story), "agenda", "--as-of", STORY_AS_OF).out
    assert "Planned meeting with Hélène Dupré, Karim Bonnet and Marc Leroy: Interview" in out
    for lang, words in (
        ("en", "with **Hélène Dupré**, **Karim Bonnet** and **Marc Leroy**"),
        ("fr", "avec **Hélène Dupré**, **Karim Bonnet** et **Marc Leroy**"),
    ):
        report = cli("--ledger", str(story), "report", "--as-of", STORY_AS_OF, "--lang", lang).out
        coming = report.split("\n## ", 4)[3]
        assert words in coming, coming


def test_agenda_colour_only_when_asked(story: Path) -> None:
    as_of = dt.date(2016, 6, 30)
    ledger = load_ledger(story).ledger
    loops = ledger_loops(ledger, as_of)
    coloured = agenda(ledger, loops, reconnect(ledger, as_of), as_of, 14, colour=True)
    plain = agenda(ledger, loops, reconnect(ledger, as_of), as_of, 14, colour=False)
    assert "\033[31m55 days late\033[0m" in coloured and "\033[36mreconnect   \033[0m" in coloured
    assert "\033[" not in plain
    assert coloured.replace("\033[31m", "").replace("\033[36m", "").replace("\033[0m", "") == plain


def test_agenda_nothing(
    make_ledger: Callable[[dict[str, str]], Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger({})
    assert cli("--ledger", str(root), "agenda").out == (
        "Nothing overdue, nothing due in the next 14 days, nobody to reconnect with.\n"
    )


def test_show_card_chain_timeline_loops(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "show", "karim-bonnet", "--as-of", STORY_AS_OF)
    assert result.code == 0
    out = result.out
    assert out.startswith("Karim Bonnet\n============\nid:            karim-bonnet\n")
    assert "emails:        karim.bonnet@acme.example\n" in out  # the owner's own view
    assert "Introduction chain:\n  Karim Bonnet ← Hélène Dupré ← Marc Leroy\n" in out
    dates = [line[2:12] for line in out.splitlines() if line.startswith("  2016-04")]
    assert dates == ["2016-04-25", "2016-04-19", "2016-04-18", "2016-04-11"]  # newest first
    assert out.endswith(
        "Open loops:\n  2016-05-25  in 22 days: Next step with Karim Bonnet: Send Karim news of "
        "my search and ask how the new team is doing  "
        "(interactions/2016/2016-04-25-call-karim-bonnet.yaml)\n"
    )


def test_show_known_directly_with_notes(story: Path, cli: Callable[..., Result]) -> None:
    out = cli("--ledger", str(story), "show", "helene-dupre", "--as-of", STORY_AS_OF).out
    assert "notes:\n  Leads a team of six" in out
    assert "  Hélène Dupré ← Marc Leroy\n  introduced you to: Karim Bonnet\n" in out
    assert "2016-05-10  meeting (planned): Interview at Datacorp" in out
    marc = cli("--ledger", str(story), "show", "marc-leroy", "--as-of", STORY_AS_OF).out
    assert "Introduction chain:\n  Marc Leroy, known directly\n" in marc


def test_show_unknown_id_suggests(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "show", "helen-dupre")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "reseau: no contact 'helen-dupre' in the ledger (did you mean helene-dupre?)\n"
    )
    result = cli("--ledger", str(story), "show", "zzz")
    assert (result.code, result.err) == (2, "reseau: no contact 'zzz' in the ledger\n")


def test_show_takes_a_fragment_of_a_name(story: Path, cli: Callable[..., Result]) -> None:
    by_id = cli("--ledger", str(story), "show", "karim-bonnet", "--as-of", STORY_AS_OF)
    for ref in ("Karim", "BONNET", "karim b"):
        result = cli("--ledger", str(story), "show", ref, "--as-of", STORY_AS_OF)
        assert (result.code, result.out) == (0, by_id.out), ref
    assert cli("--ledger", str(story), "show", "helene", "--as-of", STORY_AS_OF).out.startswith(
        "Hélène Dupré"
    )


STORY_MERMAID = """\
graph LR
  c_helene_dupre["Hélène Dupré"]
  c_karim_bonnet["Karim Bonnet"]
  c_marc_leroy["Marc Leroy"]
  o_acme_data_analyst(["Data analyst at Acme"])
  o_datacorp_data_analyst(["Data analyst at Datacorp"])
  c_helene_dupre -->|"introduced, referred"| c_karim_bonnet
  c_helene_dupre -.->|"opened"| o_datacorp_data_analyst
  c_karim_bonnet -.->|"opened"| o_acme_data_analyst
  c_marc_leroy -->|"introduced, referred"| c_helene_dupre
"""


def test_graph_mermaid_and_dot(story: Path, cli: Callable[..., Result]) -> None:
    args = ("--ledger", str(story), "graph", "--as-of", STORY_AS_OF)
    assert cli(*args).out == STORY_MERMAID
    assert (
        cli(*args, "--format", "dot").out
        == """\
digraph reseau {
  rankdir=LR;
  node [shape=box];
  c_helene_dupre [label="Hélène Dupré"];
  c_karim_bonnet [label="Karim Bonnet"];
  c_marc_leroy [label="Marc Leroy"];
  o_acme_data_analyst [label="Data analyst at Acme", shape=ellipse];
  o_datacorp_data_analyst [label="Data analyst at Datacorp", shape=ellipse];
  c_helene_dupre -> c_karim_bonnet [label="introduced, referred"];
  c_helene_dupre -> o_datacorp_data_analyst [label="opened", style=dashed];
  c_karim_bonnet -> o_acme_data_analyst [label="opened", style=dashed];
  c_marc_leroy -> c_helene_dupre [label="introduced, referred"];
}
"""
    )
    assert cli(*args, "--format", "svg").code == 2


def test_graph_escapes_and_isolated(make_ledger: Callable[[dict[str, str]], Path]) -> None:
    root = make_ledger(
        {
            "contacts/a.yaml": "name: 'Al \"Big\" #1 <x>'\n",
            "contacts/end.yaml": "name: The End\nintroduced_by: a\n",
            "contacts/loner.yaml": "name: Lo\\ner\n",
        }
    )
    ledger = load_ledger(root).ledger
    net = network(ledger, dt.date(2016, 5, 3))
    assert mermaid(net) == (
        "graph LR\n"
        '  c_a["Al #quot;Big#quot; #35;1 #lt;x#gt;"]\n'
        '  c_end["The End"]\n'
        '  c_loner["Lo\\ner"]\n'
        '  c_a -->|"introduced"| c_end\n'
    )
    assert 'c_a [label="Al \\"Big\\" #1 <x>"];' in dot(net)
    assert 'c_loner [label="Lo\\\\ner"];' in dot(net)
    assert [n.key for n in network(ledger, dt.date(2016, 5, 3), everyone=False).nodes] == [
        "c:a",
        "c:end",
    ]


def test_path_accent_and_case_insensitive(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "path", "DATACÖRP", "--as-of", STORY_AS_OF)
    assert result.code == 0
    assert (
        result.out
        == """\
At Datacorp:

People you know there:
  Hélène Dupré, Head of data (contacts/helene-dupre.yaml)
    through: Marc Leroy → Hélène Dupré
    last in touch: 2016-04-28

Opportunities there:
  Data analyst (interview since 2016-05-02) (opportunities/datacorp-data-analyst.yaml)
    came through: Marc Leroy → Hélène Dupré

Whom to ask for an introduction, warmest first:
  Hélène Dupré (works there; last in touch 2016-04-28)
"""
    )


def test_path_through_an_introducer(
    make_ledger: Callable[[dict[str, str]], Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(
        {
            "contacts/marc.yaml": "name: Marc\n",
            "contacts/lea.yaml": "name: Léa\norganization: Société Générale\nintroduced_by: marc\n",
            "interactions/2016/2016-04-01-call-marc.yaml": "date: 2016-04-01\nwith: [marc]\ngave: [interest]\n",
        }
    )
    result = cli("--ledger", str(root), "path", "societe", "--as-of", STORY_AS_OF)
    assert result.code == 0
    assert result.out.endswith(
        "  Léa (contacts/lea.yaml)\n    through: Marc → Léa\n    last in touch: never\n\n"
        "Whom to ask for an introduction, warmest first:\n  Marc (introduced you to Léa)\n"
    )


def test_path_no_match(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "path", "Globex")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "reseau: nobody and no opportunity at 'Globex' "
        "(organisations in the ledger: Acme, Batiplus, Datacorp)\n"
    )
