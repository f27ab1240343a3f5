"""Writing commands: safe names, no bytes lost, concurrency, and `--ledger` mistakes.

- Hostile names become slugs inside contacts/ (or a clear refusal).
- Random sequences of add/log/done/fmt keep the ledger free of Y/S problems and
  change no byte outside what each command writes.
- Twenty `reseau log` processes at once for the same person and day all succeed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reseau.discover import classify
from reseau.load import read_record
from reseau.parse import parse_document
from tests.conftest import STORY, STORY_AS_OF, Result, run_cli
from tests.reliability.harness import child_env

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")

HOSTILE_NAMES = [
    "../../etc/passwd",
    "/etc/passwd",
    "CON",
    "nul",
    "a/b",
    "a\\b",
    "😀🎉",
    "مرحبا بالعالم",
    "שלום עולם",
    "Ada\u202eecalevoL",
    "--output=x",
    "-rf",
    ".",
    "..",
    "~",
    "$(touch pwned)",
    "`id`",
    "x" * 300,
    "Ada\tLovelace",
    "Hélène Dupré",
    "ǅemal Bijedić",
    "Страхиња Поповић",
    "李小龍",
]


def files_of(root: Path) -> dict[str, bytes]:
    out = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = Path(folder) / name
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def reseau_in(root: Path, *args: str) -> Result:
    return run_cli("--ledger", str(root), "--as-of", STORY_AS_OF, *args)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_become_slugs_inside_contacts(tmp_path: Path, story: Path, name: str) -> None:
    before = files_of(story)
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    result = reseau_in(story, "add", "--new", "--", name)  # --new: Hélène Dupré is there
    assert result.code == 0, result.err
    rel = result.out.strip().splitlines()[-1]
    assert rel.startswith("contacts/") and rel.count("/") == 1, rel
    assert SLUG.match(rel[len("contacts/") : -len(".yaml")]), rel
    after = files_of(story)
    assert set(after) - set(before) == {rel}
    assert all(after[p] == before[p] for p in before)
    doc = read_record("contact", after[rel])
    assert doc.problems == () and doc.value["name"] == " ".join(name.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused_clearly(story: Path, name: str) -> None:
    before = files_of(story)
    result = reseau_in(story, "add", "--new", "--", name)  # --new: Hélène Dupré is there
    assert result.code == 2
    assert "name" in result.err.lower()
    assert files_of(story) == before


def test_ledger_option_pointing_at_a_file_or_nothing(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("hello\n", encoding="utf-8")
    for target, words in ((a_file, "not a folder"), (tmp_path / "missing", "no such folder")):
        for args in (
            ["check"],
            ["add", "Ada Lovelace"],
            ["log", "ada", "--channel", "call"],
            ["fmt"],
            ["report"],
        ):
            result = run_cli("--ledger", str(target), *args)
            assert result.code == 2, (args, result.err)
            assert result.err == f"reseau: --ledger {target}: {words}\n", args
    assert not (tmp_path / "missing").exists()
    assert a_file.read_text(encoding="utf-8") == "hello\n"


def test_writes_refuse_to_follow_a_link_out_of_the_ledger(tmp_path: Path, story: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(story / "opportunities")
    os.symlink(elsewhere, story / "interactions" / "2017")
    result = reseau_in(story, "log", "helene-dupre", "--channel", "call", "--date", "2017-01-05")
    assert result.code == 2, result.out
    assert list(elsewhere.iterdir()) == []


# Random sequences of writing commands.
NAMES = ["Ada Lovelace", "Hélène Dupré", "Grace Hopper", "李小龍", "Ada Lovelace"]
STEP = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(NAMES), st.booleans()),
    st.tuples(st.just("log"), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("done"), st.integers(0, 50), st.booleans()),
    st.tuples(st.just("fmt"), st.just(0), st.booleans()),
)


def values_of(files: dict[str, bytes]) -> dict[str, Any]:
    return {
        p: parse_document(d).value for p, d in files.items() if classify(p) not in (None, "unknown")
    }


def check_yse(root: Path) -> list[str]:
    import json

    result = reseau_in(root, "check", "--format", "json")
    return [
        f"{p['path']}:{p['line']}:{p['column']} {p['rule']} {p['message']}"
        for p in json.loads(result.out)["problems"]
        if p["rule"] in ("Y001", "Y002", "S001")
    ]


def apply(root: Path, step: tuple[str, Any, bool], files: dict[str, bytes]) -> set[str]:
    """Run one step; returns the paths it may have changed (the rest must stay identical)."""
    kind, arg, flag = step
    if kind == "add":
        extra = (
            ["--org", "Analytical Engine", "--email", f"{len(files)}@example.org"] if flag else []
        )
        result = reseau_in(root, "add", "--new", arg, *extra)  # homonyms on purpose
        assert result.code == 0, result.err
        return {result.out.strip().splitlines()[-1]}
    if kind == "log":
        contacts = sorted(p[9:-5] for p in files if p.startswith("contacts/"))
        day = (dt.date(2016, 4, 1) + dt.timedelta(days=arg)).isoformat()
        extra = ["--promise", f"Send note {arg}", "--promise-due", day] if flag else []
        result = reseau_in(
            root,
            "log",
            contacts[arg % len(contacts)],
            "--channel",
            "call",
            "--date",
            day,
            "--summary",
            f"Call {arg}: news",
            *extra,
        )
        assert result.code == 0, result.err
        return set(result.out.strip().splitlines())
    if kind == "done":
        open_promises = sorted(
            f"{p.rsplit('/', 1)[1][:-5]}#{i + 1}"
            for p, value in values_of(files).items()
            if p.startswith("interactions/")
            for i, promise in enumerate(value.get("promised") or [])
            if isinstance(promise, dict) and "done" not in promise
        )
        if not open_promises:
            return set()
        ref = open_promises[arg % len(open_promises)]
        result = reseau_in(root, "done", ref)
        assert result.code == 0, result.err
        changed = f"interactions/2016/{ref.split('#')[0]}.yaml"
        old, new = files[changed].decode().splitlines(), (root / changed).read_text().splitlines()
        # `done` only inserts one line: every old line is still there, in order.
        assert len(new) == len(old) + 1 and [line for line in new if line not in old] != []
        it = iter(new)
        assert all(line in it for line in old)
        return {changed}
    result = reseau_in(root, "fmt")
    assert result.code == 0, result.err
    assert values_of(files_of(root)) == values_of(files)  # fmt changes layout, never values
    assert reseau_in(root, "fmt", "--check").code == 0
    return set(files)


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(steps=st.lists(STEP, min_size=1, max_size=6))
def test_random_write_sequences_keep_the_ledger_valid_and_other_bytes_intact(
    steps: list[tuple[str, Any, bool]],
) -> None:
    with tempfile.TemporaryDirectory(prefix="reseau-writes-") as folder:
        root = Path(folder) / "story"
        shutil.copytree(STORY, root)
        assert check_yse(root) == []
        for step in steps:
            before = files_of(root)
            touched = apply(root, step, before)
            after = files_of(root)
            assert set(before) <= set(after), "a command deleted a file"
            for path in set(before) - touched:
                assert after[path] == before[path], f"{step} changed {path}"
            assert set(after) - set(before) <= touched
            assert check_yse(root) == [], step


@pytest.mark.slow
def test_twenty_concurrent_logs_for_the_same_person_and_day(tmp_path: Path, story: Path) -> None:
    env = child_env(tmp_path / "cache")
    before = files_of(story)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reseau",
                "--ledger",
                str(story),
                "--as-of",
                STORY_AS_OF,
                "log",
                "helene-dupre",
                "--channel",
                "call",
                "--summary",
                f"Concurrent call number {i}",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    outcomes = [
        (p.wait(timeout=60), p.stdout.read().decode(), p.stderr.read().decode())  # type: ignore[union-attr]
        for p in processes
    ]
    assert [code for code, _, _ in outcomes] == [0] * 20, [err for _, _, err in outcomes]
    written = {out.strip() for _, out, _ in outcomes}
    assert len(written) == 20
    after = files_of(story)
    assert set(after) - set(before) == written
    assert all(after[p] == before[p] for p in before)
    summaries = set()
    for rel in written:
        assert re.fullmatch(r"interactions/2016/2016-05-03-call-helene-dupre(-[0-9]+)?\.yaml", rel)
        doc = read_record("interaction", after[rel])
        assert doc.problems == ()
        summaries.add(doc.value["summary"])
    assert summaries == {f"Concurrent call number {i}" for i in range(20)}
    assert check_yse(story) == []
