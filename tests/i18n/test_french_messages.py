"""More of reseau in French, exact text: the report's own words (reseau/report/words.py,
translated by the catalogue), write refusals, imports, init, YAML and schema problems."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import STORY, Result, run_cli

THIS_WEEK_FR = """\
### Cette semaine

1. Tenir votre promesse à **Hélène Dupré** : Send an updated CV before the interview — [55 jours de retard](interactions/2016/2016-04-28-call-helene-dupre.yaml)
2. Tenir **Marc Leroy** au courant pour le poste Data analyst chez Datacorp : entretien — [52 jours de retard](opportunities/datacorp-data-analyst.yaml)
3. Prochaine étape avec **Karim Bonnet** : Send Karim news of my search and ask how the new team is doing — [36 jours de retard](interactions/2016/2016-04-25-call-karim-bonnet.yaml)
"""


def test_the_report_words_come_from_the_catalogue(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "--lang", "fr", "report", "--as-of", "2016-06-30")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == (
        "# Revue de la semaine de Camille Martin — S26 2016 (27 juin – 3 juil. 2016)"
    )
    assert THIS_WEEK_FR in result.out
    assert "`reseau check` : 1 erreur, 5 avertissements, 3 informations." in lines
    assert "| Par semaine | S22 | S23 | S24 | S25 | **S26** | objectif |" in lines


def test_the_first_of_the_month_is_1er(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "--lang", "fr", "report", "--as-of", "2016-06-01")
    assert result.out.splitlines()[2].startswith("Situation au mercredi 1er juin 2016.")
    english = cli("--ledger", str(story), "report", "--as-of", "2016-06-01")
    assert english.out.splitlines()[2].startswith("As of Wednesday 1 June 2016.")


def test_a_write_refusal_in_french(
    story: Path, tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (story / "link").symlink_to(tmp_path / "elsewhere")
    monkeypatch.chdir(story)
    result = cli("--lang", "fr", "export", "vcard", "--output", "link")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "reseau: link : c'est un lien symbolique ; reseau n'écrit jamais à travers un lien "
        "qu'il n'a pas créé\n",
    )
    assert not (tmp_path / "elsewhere").exists()
    english = cli("export", "vcard", "--output", "link")
    assert english.err == (
        "reseau: link: is a symbolic link; reseau never writes through a link it did not create\n"
    )


ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20160405T100000Z\r\nSUMMARY:Lunch\r\n"
    "ATTENDEE:mailto:bob@acme.example\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20160406T100000Z\r\nSUMMARY:Off\r\nSTATUS:CANCELLED\r\n"
    "ATTENDEE:mailto:bob@acme.example\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20160407T100000Z\r\nSUMMARY:Fair\r\n"
    "ATTENDEE:mailto:nobody@else.example\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20160408T100000Z\r\nSUMMARY:Fair 2\r\n"
    "ATTENDEE:mailto:nobody@else.example\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)
PEOPLE = {
    "reseau.yaml": "owner: Camille Martin\nme: {emails: [camille@example.org]}\n",
    "contacts/bob-ray.yaml": "name: Bob Ray\nemails: [bob@acme.example]\n",
}


def test_an_import_in_french(
    make_ledger: Callable[..., Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_ledger(PEOPLE)
    ics = tmp_path / "cal.ics"
    ics.write_text(ICS, encoding="utf-8", newline="")
    args = ("--ledger", str(root), "import", "ics", str(ics), "--as-of", "2016-05-03")
    result = cli("--lang", "fr", *args, "--dry-run")
    assert (result.code, result.out) == (
        0,
        "création de interactions/2016/2016-04-05-meeting-bob-ray.yaml : "
        "Rendez-vous avec bob-ray : 'Lunch'\n"
        "cal.ics : 4 événements lus, 1 rattaché à un contact, 1 écrit ; "
        "3 ignorés : 1 annulé, 2 sans participant connu\n"
        "essai à blanc : rien n'a été écrit\n",
    )
    english = cli(*args, "--dry-run")
    assert english.out.splitlines()[1] == (
        "cal.ics: 4 events read, 1 matched, 1 written; 3 skipped: 1 cancelled, 2 no known attendee"
    )
    cli(*args)
    again = cli("--lang", "fr", *args)
    assert again.out == (
        "cal.ics : 4 événements lus, 1 rattaché à un contact, 0 écrit, 1 déjà importé ; "
        "3 ignorés : 1 annulé, 2 sans participant connu\n"
    )


def test_a_mailbox_that_is_not_one_in_french(
    make_ledger: Callable[..., Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_ledger(PEOPLE)
    box = tmp_path / "box.mbox"
    box.write_text("Hello\n", encoding="utf-8")
    result = cli("--ledger", str(root), "--lang", "fr", "import", "mail", str(box))
    assert (result.code, result.err) == (
        2,
        f"reseau: {box} : ce n'est pas un fichier mbox "
        "(il ne commence pas par une ligne « From »)\n",
    )


def test_init_in_french(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("--lang", "fr", "init", "ledger")
    assert (result.code, result.out) == (
        0,
        "créé : ledger/\n"
        "dépôt Git créé dans ledger/\n"
        "créé : ledger/contacts/\n"
        "créé : ledger/interactions/\n"
        "créé : ledger/opportunities/\n"
        "créé : ledger/reports/\n"
        "créé : ledger/reseau.yaml\n"
        "créé : ledger/schema/\n"
        "créé : ledger/schema/contact.schema.json\n"
        "créé : ledger/schema/interaction.schema.json\n"
        "créé : ledger/schema/opportunity.schema.json\n"
        "créé : ledger/schema/settings.schema.json\n"
        "créé : ledger/.gitignore\n"
        "créé : ledger/.pre-commit-config.yaml\n",
    )
    again = cli("--lang", "fr", "init", "ledger")
    assert again.out.splitlines()[0] == "conservé : ledger/reseau.yaml"
    assert again.out.splitlines()[-1] == "conservé : ledger/.pre-commit-config.yaml"


def test_a_rename_plan_in_french(story: Path, cli: Callable[..., Result]) -> None:
    result = cli(
        "--ledger", str(story), "--lang", "fr", "rename", "karim-bonnet", "karim-b", "--dry-run"
    )
    lines = result.out.splitlines()
    assert (result.code, lines[0], lines[-1]) == (
        0,
        "prévu : réécriture de interactions/2016/2016-04-08-meeting-helene-dupre.yaml : 1 référence",
        "prévu : déplacement de contacts/karim-bonnet.yaml vers contacts/karim-b.yaml",
    )
    english = cli("--ledger", str(story), "rename", "karim-bonnet", "karim-b", "--dry-run")
    assert english.out.splitlines()[0] == (
        "would rewrite interactions/2016/2016-04-08-meeting-helene-dupre.yaml: 1 reference"
    )


def test_yaml_and_schema_problems_in_french(tmp_path: Path) -> None:
    """Y001, Y002 and S001 are messages like the rules' (the store keeps them in no
    language): the same ledger, checked in English, then in French."""
    ledger = tmp_path / "ledger"
    shutil.copytree(STORY, ledger)
    contacts = ledger / "contacts"
    (contacts / "nameless.yaml").write_text("relation: cold\n", encoding="utf-8")
    (contacts / "bob.yaml").write_text(
        'name: Bob\nrelation: colleague\ncadence: "often"\nfoo: 1\n', encoding="utf-8"
    )
    (contacts / "z.yaml").write_text("name: &a Z\nrelation: cold\n", encoding="utf-8")
    (contacts / "twice.yaml").write_text(
        "name: Ann\nname: Anne\nrelation: cold\n", encoding="utf-8"
    )
    args = ["--ledger", str(ledger), "check", "--as-of", "2016-05-03"]
    english = run_cli(*args)
    french = run_cli("--lang", "fr", *args)
    known = (
        "name, organization, role, introduced_by, relation, emails, phones, links, location, "
        "tags, aliases, cadence, status, birthday, connected, history, notes, waive"
    )
    assert english.out.splitlines() == [
        "contacts/bob.yaml:3:10: error S001 schema: cadence: expected a whole number, got 'often'",
        f"contacts/bob.yaml:4:1: error S001 schema: unknown key 'foo' in the record: known keys: "
        f"{known} (keys of your own start with 'x-')",
        "contacts/nameless.yaml:1:1: error S001 schema: the record lacks the required key 'name'",
        "contacts/twice.yaml:2:1: error Y002 duplicate-key: duplicate key 'name': the first one, "
        "line 1, is kept; remove one",
        "contacts/z.yaml:1:7: error Y001 yaml-syntax: anchor &a: anchors and aliases are not "
        "allowed in a ledger",
    ]
    assert french.out.splitlines() == [
        "contacts/bob.yaml:3:10: error S001 schema: cadence : on attend un nombre entier, on "
        "trouve 'often'",
        f"contacts/bob.yaml:4:1: error S001 schema: clé 'foo' inconnue dans la fiche : clés "
        f"connues : {known} (vos propres clés commencent par « x- »)",
        "contacts/nameless.yaml:1:1: error S001 schema: la fiche : il manque la clé "
        "obligatoire 'name'",
        "contacts/twice.yaml:2:1: error Y002 duplicate-key: clé 'name' en double : la première, "
        "ligne 1, est gardée ; supprimez l'une des deux",
        "contacts/z.yaml:1:7: error Y001 yaml-syntax: ancre &a : les ancres et les alias ne "
        "sont pas permis dans un registre",
    ]
