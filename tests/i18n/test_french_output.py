"""The commands in French, exact text, on examples/story at a fixed --as-of; and how the
language is chosen: --lang, else reseau.yaml's `lang`, else the locale, else English."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

AGENDA_FR = """\
2016-05-06  14 jours de retard  Tenir votre promesse à Hélène Dupré : Send an updated CV before the interview  (interactions/2016/2016-04-28-call-helene-dupre.yaml)
2016-05-09  11 jours de retard  Tenir Hélène Dupré au courant de votre candidature Data analyst chez Datacorp : entretien  (opportunities/datacorp-data-analyst.yaml)
2016-05-09  11 jours de retard  Tenir Marc Leroy au courant de votre candidature Data analyst chez Datacorp : entretien  (opportunities/datacorp-data-analyst.yaml)
2016-05-12  8 jours de retard   Prochaine étape avec Marc Leroy : Tell Marc how the interview at Datacorp went  (interactions/2016/2016-04-29-message-marc-leroy.yaml)
2016-05-25  dans 5 jours        Prochaine étape avec Karim Bonnet : Send Karim news of my search and ask how the new team is doing  (interactions/2016/2016-04-25-call-karim-bonnet.yaml)
"""

CHECK_FR = """\
interactions/2016/2016-04-25-call-karim-bonnet.yaml:11:8: warning R007 next-step-overdue: prochaine étape avec Karim Bonnet : Send Karim news of my search and ask how the new team is doing (prévu le 25 mai 2016, 36 jours de retard)
interactions/2016/2016-04-28-call-helene-dupre.yaml:13:10: error R006 promise-overdue: vous avez promis à Hélène Dupré : Send an updated CV before the interview (prévu le 6 mai 2016, 55 jours de retard) ; tenez parole, puis lancez `reseau done 2016-04-28-call-helene-dupre`
interactions/2016/2016-04-29-message-marc-leroy.yaml:9:8: warning R007 next-step-overdue: prochaine étape avec Marc Leroy : Tell Marc how the interview at Datacorp went (prévu le 12 mai 2016, 49 jours de retard)
interactions/2016/2016-05-10-meeting-helene-dupre.yaml:7:10: warning L005 future-interaction: prévu le 10 mai 2016, qui est passé : notez ce qui s'est passé et retirez `planned`
opportunities/datacorp-data-analyst.yaml:7:31: warning R005 referrer-not-informed: Tenir Hélène Dupré au courant de votre candidature Data analyst chez Datacorp : entretien (prévu le 9 mai 2016, 52 jours de retard)
opportunities/datacorp-data-analyst.yaml:7:31: warning R005 referrer-not-informed: Tenir Marc Leroy au courant de votre candidature Data analyst chez Datacorp : entretien (prévu le 9 mai 2016, 52 jours de retard)
"""

R009_FR = (
    "contacts/helene-dupre.yaml:12:10: info R009 reconnect: dernier échange avec Hélène Dupré "
    "il y a 63 jours (28 avril 2016), au-delà de votre rythme de 45 jours : relancez\n"
)

SHOW_FR = """\
Karim Bonnet
============
identifiant :  karim-bonnet
organisation : Acme
fonction :     Analytics lead
relation :     introduced
lieu :         Villeurbanne
présenté par : Hélène Dupré (helene-dupre)
e-mails :      karim.bonnet@acme.example
étiquettes :   data, acme
rythme :       par défaut
statut :       active
fichier :      contacts/karim-bonnet.yaml

Chaîne de présentation :
  Karim Bonnet ← Hélène Dupré ← Marc Leroy

Historique (4, du plus récent au plus ancien) : dernier échange le 25 avril 2016, il y a 8 jours
  2016-04-25  Appel (à son initiative) : Karim called to say Acme chose an internal candidate. Thanked him all the same.
      donné : remerciements
      reçu : nouvelles
      prochaine étape : Send Karim news of my search and ask how the new team is doing (d'ici le 25 mai 2016)
      interactions/2016/2016-04-25-call-karim-bonnet.yaml
  2016-04-19  E-mail : Thanked Karim for the interview and for his time.
      donné : remerciements
      interactions/2016/2016-04-19-email-karim-bonnet.yaml
  2016-04-18  Rendez-vous : Interview at Acme with Karim and his manager.
      donné : intérêt
      interactions/2016/2016-04-18-meeting-karim-bonnet.yaml
  2016-04-11  Appel : Called Karim on Hélène's behalf; asked how his team uses data. He mentioned an opening.
      demandé : information
      donné : intérêt
      reçu : information
      prochaine étape : Interview at Acme with Karim (d'ici le 18 avril 2016)
      interactions/2016/2016-04-11-call-karim-bonnet.yaml

Ce qui reste à faire :
  2016-05-25  dans 22 jours : Prochaine étape avec Karim Bonnet : Send Karim news of my search and ask how the new team is doing  (interactions/2016/2016-04-25-call-karim-bonnet.yaml)
"""

SUGGEST_FR = """\
Qui contacter ensuite, au 30 juin 2016 :

1. Marc Leroy (Project manager, Batiplus)  contacts/marc-leroy.yaml
   pourquoi : vous a déjà aidé (conseil, recommandation) ; dernier échange le 29 avr., il y a 62 jours (P5)
   par qui : vous vous connaissez directement — dites-lui ce qu'a donné son aide, et prévoyez la prochaine occasion (P4, P5)
"""


def test_agenda_in_french(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "agenda", "--as-of", "2016-05-20", "--lang", "fr")
    assert (result.code, result.out) == (0, AGENDA_FR)


def test_tomorrow_and_yesterday_are_words(story: Path, cli: Callable[..., Result]) -> None:
    before = cli("--ledger", str(story), "--lang", "fr", "agenda", "--as-of", "2016-05-05")
    assert before.out.startswith("2016-05-06  demain        Tenir votre promesse à Hélène Dupré")
    after = cli("--ledger", str(story), "--lang", "fr", "agenda", "--as-of", "2016-05-07")
    assert after.out.split("  Tenir")[0].rstrip() == "2016-05-06  depuis hier"
    assert "1 jour" not in after.out and "dans 1 jour" not in before.out


def test_check_in_french(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "--lang", "fr", "check", "--as-of", "2016-06-30")
    assert (result.code, result.out) == (1, CHECK_FR)
    verbose = cli("--ledger", str(story), "check", "--as-of", "2016-06-30", "-v", "--lang", "fr")
    assert R009_FR in verbose.out


def test_a_warm_check_answered_by_the_store_speaks_the_language_asked(
    story: Path, cli: Callable[..., Result]
) -> None:
    """The store keeps problems in no language: filled in English, read in French."""
    english = cli("--ledger", str(story), "check", "--as-of", "2016-06-30")
    assert "you promised Hélène Dupré" in english.out
    assert cli("--ledger", str(story), "check", "--as-of", "2016-06-30", "--lang", "fr").out == (
        CHECK_FR
    )
    assert cli("--ledger", str(story), "check", "--as-of", "2016-06-30").out == english.out


def test_show_in_french(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "--as-of", "2016-05-03", "--lang", "fr", "show", "karim")
    assert (result.code, result.out) == (0, SHOW_FR)


def test_suggest_in_french(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "--as-of", "2016-06-30", "--lang", "fr", "suggest")
    assert result.code == 0
    assert result.out.startswith(SUGGEST_FR)


def test_an_error_in_french(story: Path, cli: Callable[..., Result]) -> None:
    result = cli("--ledger", str(story), "--lang", "fr", "show", "zz")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "reseau: aucun contact 'zz' dans le registre\n",
    )
    several = cli("--ledger", str(story), "show", "a", "--lang", "fr")
    assert several.err == (
        "reseau: 'a' correspond à 2 contacts ; donnez l'un de ces identifiants :\n"
        "  karim-bonnet  Karim Bonnet (Acme)\n"
        "  marc-leroy    Marc Leroy (Batiplus)\n"
    )


def test_reseau_yaml_lang_turns_every_command_french(
    story: Path, cli: Callable[..., Result]
) -> None:
    settings = story / "reseau.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "lang: fr\n", encoding="utf-8")
    ledger = ("--ledger", str(story))
    assert cli(*ledger, "agenda", "--as-of", "2016-05-20").out == AGENDA_FR
    assert cli(*ledger, "check", "--as-of", "2016-06-30").out == CHECK_FR
    assert cli(*ledger, "show", "zz").err == "reseau: aucun contact 'zz' dans le registre\n"
    report = cli(*ledger, "report", "--as-of", "2016-05-03").out
    assert "## En bref" in report
    # JSON follows `lang:` too, since the ledger asks for it.
    problems = json.loads(cli(*ledger, "check", "--as-of", "2016-06-30", "--format", "json").out)
    assert problems["problems"][0]["message"].startswith("dernier échange avec Hélène Dupré")
    # --lang wins over reseau.yaml.
    english = cli(*ledger, "--lang", "en", "show", "zz")
    assert english.err == "reseau: no contact 'zz' in the ledger\n"


def test_the_locale_chooses_when_nothing_else_does(
    story: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert cli("--ledger", str(story), "agenda", "--as-of", "2016-05-20").out == AGENDA_FR
    # ... but not the JSON contract, which scripts read: English unless asked.
    data = cli("--ledger", str(story), "check", "--as-of", "2016-06-30", "--format", "json").out
    assert json.loads(data)["problems"][0]["message"].startswith("last in touch with Hélène")
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")  # LC_MESSAGES before LANG
    assert cli("--ledger", str(story), "show", "zz").err.startswith("reseau: no contact")
    monkeypatch.setenv("LC_ALL", "fr_CA.UTF-8")  # LC_ALL before both
    assert cli("--ledger", str(story), "show", "zz").err.startswith("reseau: aucun contact")


def test_an_error_before_any_ledger_follows_the_option_or_the_locale(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("--lang", "fr", "agenda")
    assert result.code == 2
    assert result.err.startswith(f"reseau: aucun reseau.yaml dans {tmp_path.resolve()}")
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert cli("agenda").err.startswith("reseau: aucun reseau.yaml dans")
    assert cli("agenda", "--lang", "en").err.startswith("reseau: no reseau.yaml in")


@pytest.mark.slow
def test_english_start_up_imports_no_babel() -> None:
    """`reseau --version` and an English command never import Babel nor read a catalogue."""
    env = {"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", "RESEAU_CACHE_DIR": "/nonexistent"}
    for args in (["--version"], ["--ledger", str(ROOT / "examples" / "story"), "--as-of",
                                 "2016-05-03", "--no-cache", "agenda"]):  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "reseau", *args],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert " babel" not in done.stderr, args
