"""R009 reconnect: an active contact last seen longer ago than their cadence."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


HELENE = "contacts/helene-dupre.yaml"


def seen(*days: str, planned: bool = False) -> dict[str, str]:
    return {
        f"interactions/{d[:4]}/{d}-call-helene-dupre.yaml": f"date: {d}\nwith: [helene-dupre]\n"
        + ("planned: true\n" if planned else "")
        for d in days
    }


CASES = [
    pytest.param(
        "name: Hélène Dupré\ncadence: 45\n",
        "",
        seen("2016-03-01"),
        "2016-04-15",
        None,
        id="cadence-reached",
    ),
    pytest.param(
        "name: Hélène Dupré\ncadence: 45\n",
        "",
        seen("2016-03-01"),
        "2016-04-16",
        (2, 10, "46 days"),
        id="cadence-passed",
    ),
    pytest.param(
        "name: Hélène Dupré\ncadence: 45\n",
        "",
        seen("2016-01-01", "2016-03-01"),
        "2016-04-16",
        (2, 10, "2016-03-01"),
        id="last-seen-is-the-latest",
    ),
    pytest.param(
        "name: Hélène Dupré\n", "", seen("2016-03-01"), "2016-04-30", None, id="default-60-reached"
    ),
    pytest.param(
        "name: Hélène Dupré\n",
        "",
        seen("2016-03-01"),
        "2016-05-01",
        (1, 7, "61 days"),
        id="default-60-passed",
    ),
    pytest.param(
        "name: Hélène Dupré\n",
        "defaults: {cadence: 30}\n",
        seen("2016-03-01"),
        "2016-03-31",
        None,
        id="defaults-cadence-reached",
    ),
    pytest.param(
        "name: Hélène Dupré\n",
        "defaults: {cadence: 30}\n",
        seen("2016-03-01"),
        "2016-04-01",
        (1, 7, "31 days"),
        id="defaults-cadence-passed",
    ),
    pytest.param(
        "name: Hélène Dupré\ncadence: 90\n",
        "defaults: {cadence: 30}\n",
        seen("2016-03-01"),
        "2016-04-15",
        None,
        id="own-cadence-wins",
    ),
    pytest.param("name: Hélène Dupré\n", "", {}, "2017-01-01", None, id="never-seen"),
    pytest.param(
        "name: Hélène Dupré\n",
        "",
        seen("2016-06-01", planned=True),
        "2017-01-01",
        None,
        id="only-planned",
    ),
    pytest.param(
        "name: Hélène Dupré\ncadence: 45\n",
        "",
        {**seen("2016-03-01"), **seen("2016-04-20", planned=True)},
        "2016-04-16",
        (2, 10, "2016-03-01"),
        id="planned-ahead-is-not-seen",
    ),
    pytest.param(
        "name: Hélène Dupré\ncadence: 45\n",
        "",
        seen("2016-03-01", "2016-04-20"),
        "2016-04-16",
        (2, 10, "2016-03-01"),
        id="after-as-of-is-not-seen",
    ),
    pytest.param(
        "name: Hélène Dupré\ncadence: 45\nstatus: dormant\n",
        "",
        seen("2016-01-01"),
        "2016-05-03",
        None,
        id="dormant",
    ),
    pytest.param(
        "name: Hélène Dupré\ncadence: 45\nstatus: archived\n",
        "",
        seen("2016-01-01"),
        "2016-05-03",
        None,
        id="archived",
    ),
]


@pytest.mark.parametrize(("contact", "settings", "files", "as_of", "expected"), CASES)
def test_cases(
    check: CheckFn,
    contact: str,
    settings: str,
    files: dict[str, str],
    as_of: str,
    expected: tuple[int, int, str] | None,
) -> None:
    result = check(
        {"reseau.yaml": "owner: Camille Martin\n" + settings, HELENE: contact, **files},
        dt.date.fromisoformat(as_of),
        "R009",
    )
    assert result.spots == ([(HELENE, *expected[:2], "info")] if expected else [])
    for message in result.messages:
        assert "Hélène Dupré" in message
        assert expected is not None and expected[2] in message
