"""The synthetic ledger generator of benchmarks/: deterministic, valid, sound.

No timing assertions here: benchmarks/run.py measures, tests only check shapes.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import AS_OF, GENERATOR_VERSION, generate, slugify

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SIZES = {"contacts": 60, "interactions": 300, "opportunities": 12}
KINDS = {"contacts": "contact", "interactions": "interaction", "opportunities": "opportunity"}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _yaml_loader() -> Any:
    """Safe ruamel loader keeping dates as strings (what check-jsonschema does)."""
    ruamel: Any = pytest.importorskip("ruamel.yaml")
    yaml = ruamel.YAML(typ="safe")

    class Constructor(ruamel.SafeConstructor):  # type: ignore[misc]
        pass

    yaml.Constructor = Constructor
    yaml.constructor.yaml_constructors["tag:yaml.org,2002:timestamp"] = (
        yaml.constructor.yaml_constructors["tag:yaml.org,2002:str"]
    )
    return yaml


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ledger") / "l"
    generate(out, **SIZES, seed=7)
    return out


@pytest.fixture(scope="module")
def records(ledger: Path) -> dict[str, dict[str, Any]]:
    """kind → {path: value} for every record file."""
    yaml = _yaml_loader()
    out: dict[str, dict[str, Any]] = {k: {} for k in KINDS}
    for folder in KINDS:
        for p in sorted((ledger / folder).rglob("*.yaml")):
            out[folder][p.relative_to(ledger).as_posix()] = yaml.load(p.read_bytes())
    return out


def test_same_arguments_give_byte_identical_trees(tmp_path: Path) -> None:
    generate(tmp_path / "a", **SIZES, seed=3)
    generate(tmp_path / "b", **SIZES, seed=3)
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a == b
    assert len(a) == 1 + sum(SIZES.values())


def test_output_is_pinned_to_the_generator_version(tmp_path: Path) -> None:
    """benchmarks/run.py reuses a ledger while GENERATOR_VERSION is unchanged.

    If this fails because the generator's output changed on purpose, bump
    GENERATOR_VERSION in benchmarks/generate.py and update the digest here.
    """
    generate(tmp_path / "l", 12, 40, 3, seed=1)
    digest = hashlib.sha256()
    for rel, data in _tree(tmp_path / "l").items():
        digest.update(rel.encode() + b"\0" + data + b"\0")
    assert (GENERATOR_VERSION, digest.hexdigest()) == (
        1,
        "2e24d776d1e0d3be1631f11ad1c726ee6f863d4f298e85336b7c492762a4c763",
    )


def test_another_seed_gives_another_tree(tmp_path: Path) -> None:
    generate(tmp_path / "a", **SIZES, seed=3)
    generate(tmp_path / "b", **SIZES, seed=4)
    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")


def test_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("keep me")
    with pytest.raises(FileExistsError):
        generate(tmp_path, 1, 1, 0)


def test_layout_and_sizes(ledger: Path, records: dict[str, dict[str, Any]]) -> None:
    assert (ledger / "reseau.yaml").is_file()
    assert len(records["contacts"]) == SIZES["contacts"]
    assert len(records["interactions"]) == SIZES["interactions"]
    assert len(records["opportunities"]) == SIZES["opportunities"]
    for path, value in records["interactions"].items():
        assert isinstance(value, dict)
        year, name = path.split("/")[1:]
        assert name.startswith(f"{value['date']}-{value['channel']}-")
        assert year == str(value["date"])[:4]
        day = date.fromisoformat(str(value["date"]))
        if value.get("planned"):
            assert day > AS_OF
        else:
            assert date(2016, 1, 1) <= day <= AS_OF
        assert 1 <= len(value["with"]) <= 3


def test_every_file_validates_against_its_schema(
    ledger: Path, records: dict[str, dict[str, Any]]
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    names = ["contact", "interaction", "opportunity", "settings"]
    if not all((SCHEMA_DIR / f"{n}.schema.json").is_file() for n in names):
        pytest.skip("schema/*.schema.json not written yet")
    validators = {}
    for n in names:
        schema = json.loads((SCHEMA_DIR / f"{n}.schema.json").read_text("utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validators[n] = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = []
    for folder, kind in KINDS.items():
        for path, value in records[folder].items():
            errors += [f"{path}: {e.message}" for e in validators[kind].iter_errors(value)]
    settings = _yaml_loader().load((ledger / "reseau.yaml").read_bytes())
    errors += [f"reseau.yaml: {e.message}" for e in validators["settings"].iter_errors(settings)]
    assert errors == []


def test_ids_are_unique_slugs(ledger: Path) -> None:
    for folder in KINDS:
        stems = [p.stem for p in (ledger / folder).rglob("*.yaml")]
        assert stems, folder
        assert len(stems) == len(set(stems)), folder
        bad = [s for s in stems if not SLUG.match(s)]
        assert bad == [], folder


def test_names_have_accents_and_ids_are_transliterated(records: dict[str, dict[str, Any]]) -> None:
    names = {Path(p).stem: v["name"] for p, v in records["contacts"].items()}
    assert any(not str(n).isascii() for n in names.values())
    for cid, name in names.items():
        assert re.sub(r"-\d+$", "", cid) == slugify(str(name)) or cid == slugify(str(name))
    assert slugify("Hélène Dupré") == "helene-dupre"
    assert slugify("Łukasz Wiśniewski") == "lukasz-wisniewski"
    assert slugify("Zoë Weiß") == "zoe-weiss"


def test_references_name_existing_records(records: dict[str, dict[str, Any]]) -> None:
    contacts = {Path(p).stem for p in records["contacts"]}
    opportunities = {Path(p).stem for p in records["opportunities"]}
    for value in records["contacts"].values():
        ref = value.get("introduced_by")
        assert ref is None or ref in contacts
    for value in records["opportunities"].values():
        assert value["via"] in contacts
    referrals = 0
    for value in records["interactions"].values():
        v = value
        assert set(v["with"]) <= contacts
        assert set(v.get("next", {}).get("with", [])) <= contacts
        for item in v.get("received", []):
            if isinstance(item, dict):
                assert item["referral"] in contacts
                referrals += 1
        assert v.get("opportunity") in opportunities | {None}
    assert referrals > 0


def test_introductions_form_deep_chains_without_cycles(records: dict[str, dict[str, Any]]) -> None:
    intro = {Path(p).stem: v.get("introduced_by") for p, v in records["contacts"].items()}
    deepest = 0
    for start, introducer in intro.items():
        seen, cur = [start], introducer
        while cur is not None:
            assert cur not in seen, f"cycle: {' → '.join(seen + [cur])}"
            seen.append(cur)
            cur = intro[cur]
        deepest = max(deepest, len(seen) - 1)
    assert deepest >= 3


def test_promises_open_and_kept_next_steps_planned_comments(ledger: Path) -> None:
    texts = [p.read_text("utf-8") for p in (ledger / "interactions").rglob("*.yaml")]
    assert any("    done: " in t for t in texts)
    assert any("promised:" in t and "    done: " not in t for t in texts)
    assert any("\nnext:\n" in t for t in texts)
    assert any("planned: true" in t for t in texts)
    every = texts + [p.read_text("utf-8") for p in (ledger / "contacts").glob("*.yaml")]
    with_comments = [
        t
        for t in every
        if re.search(r"^#(?! yaml-language-server)", t, re.MULTILINE) or re.search(r" # ", t)
    ]
    assert with_comments
