"""The records the cache hands back are the records a fresh parse builds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reseau import codec
from reseau.discover import WorkTree
from reseau.load import read_record
from reseau.records import Contact, Interaction, Opportunity, Source
from tests.conftest import ROOT

BUILD = {
    "contact": Contact.build,
    "interaction": Interaction.build,
    "opportunity": Opportunity.build,
}


def every_field(record: object) -> dict[str, object]:
    """All fields, `source` included (records compare without it)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]


def round_trips(root: Path) -> int:
    count = 0
    for file in WorkTree(root).list():
        if file.kind not in BUILD:
            continue
        doc = read_record(file.kind, (root / file.path).read_bytes())
        assert not doc.problems, file.path
        source = Source(file.path, doc)
        built = BUILD[file.kind](file.stem, source, doc.value)
        state = codec.encode(file.kind, doc.value)
        assert state is not None
        decoded = codec.decode(file.kind, file.stem, codec.source(file.path, doc), state)
        assert type(decoded) is type(built)
        assert decoded == built and hash(decoded) == hash(built)
        assert every_field(decoded) == every_field(built)
        assert decoded.source.path == file.path and decoded.source.doc is doc
        count += 1
    return count


def test_story_records_round_trip() -> None:
    assert round_trips(ROOT / "examples" / "story") == 21


def test_generated_records_round_trip(tmp_path: Path) -> None:
    generate = pytest.importorskip("benchmarks.generate").generate
    generate(tmp_path / "g", 60, 300, 10, 7)
    assert round_trips(tmp_path / "g") == 370


def test_waivers_promises_and_next_steps_round_trip() -> None:
    value = {
        "date": "2016-04-04",
        "with": ["marc-leroy", "helene-dupre"],
        "channel": "call",
        "received": ["advice", {"referral": "karim-bonnet"}],
        "promised": [
            {"what": "Send the CV", "due": "2016-04-10", "done": "2016-04-09"},
            {"what": "Call back"},
        ],
        "next": {"action": "Tell Marc", "due": "2016-04-20", "with": ["marc-leroy"]},
        "waive": [{"rule": "R005", "until": "2016-06-01", "reason": "on holiday"}],
        "planned": True,
        "opportunity": "datacorp",
    }
    source = Source("interactions/2016/x.yaml", None)  # type: ignore[arg-type]
    built = Interaction.build("x", source, value)
    state = codec.encode("interaction", value)
    assert state is not None
    assert every_field(codec.decode("interaction", "x", source, state)) == every_field(built)


def test_not_a_record_kind_or_not_buildable() -> None:
    assert codec.encode("settings", {"owner": "me"}) is None
    assert codec.encode("interaction", {"with": ["x"]}) is None  # no date: never cached as a state


def test_a_record_field_more_changes_the_shape() -> None:
    @dataclasses.dataclass(frozen=True)
    class Contact:  # same name, one field more
        id: str
        extra: int

    @dataclasses.dataclass(frozen=True)
    class Waiver:
        id: str

    assert codec.shape((Contact,)) != codec.shape((Waiver,))

    @dataclasses.dataclass(frozen=True)
    class Contact2:
        id: str

    Contact2.__name__ = "Contact"
    assert codec.shape((Contact,)) != codec.shape((Contact2,))
    assert codec.SHAPE == codec.shape(codec._CLASSES)
