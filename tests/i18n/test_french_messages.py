"""More of reseau in French, exact text: the report's own words (reseau/report/words.py,
translated by the catalogue), write refusals, imports, init, YAML and schema problems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result

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
