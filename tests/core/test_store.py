"""The store (reseau.cache): where it lives, what it trusts, and that it never changes a result."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
import yaml

import reseau
import reseau.load
from reseau import cache, engine, schema
from reseau.cache import cache_dir, open_store, store_file
from reseau.commands import common
from reseau.discover import WorkTree
from reseau.engine import check_ledger
from reseau.i18n import Day, Msg
from reseau.load import load_ledger
from reseau.parse import ParsedDoc
from reseau.problems import Problem
from reseau.records import Contact, Interaction, NextStep, Opportunity, Promise, Received, Stage
from tests.conftest import ROOT, STORY_AS_OF, Result, write_files

BROKEN = ROOT / "tests" / "fixtures" / "broken"
OLD_NS = 1_500_000_000 * 10**9  # 2017: well before any run
Counter = list[str]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every file kind actually parsed (not served by the store), in order."""
    seen: Counter = []
    real = reseau.load.read_record

    def counting(kind: str, data: bytes) -> ParsedDoc:
        seen.append(kind)
        return real(kind, data)

    monkeypatch.setattr(reseau.load, "read_record", counting)
    return seen


def problems(root: Path, as_of: dt.date, stored: bool = True) -> list[Problem]:
    """One run, in process: the store is closed at its end, as at the end of a command."""
    store = open_store(root) if stored else None
    try:
        loaded = load_ledger(root, WorkTree(root), store)
        return check_ledger(loaded.ledger, loaded.problems, as_of)
    finally:
        if store is not None:
            store.close()


def age(root: Path) -> None:
    """Date every file in the past, so that the store trusts their stat (no racy mtime)."""
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), ns=(OLD_NS, OLD_NS))


def ledger_files(root: Path) -> int:
    return len([f for f in WorkTree(root).list() if f.kind not in ("unknown", "outside")])


def rows(root: Path, table: str) -> list[tuple[object, ...]]:
    """A table of the ledger's database, read with plain sqlite3 (the format is documented)."""
    with sqlite3.connect(store_file(root)) as db:
        return list(db.execute(f"SELECT * FROM {table}"))


def same_everywhere(root: Path, as_of: dt.date, parses: Counter) -> list[Problem]:
    """No store, store filled, store by content, store by stat: one result."""
    expected = problems(root, as_of, stored=False)
    files = ledger_files(root)
    parses.clear()
    assert problems(root, as_of) == expected  # fills the store
    assert len(parses) == files
    assert problems(root, as_of) == expected  # by content (the files are new: racy)
    age(root)
    assert problems(root, as_of) == expected  # by content, stat rows rewritten
    assert problems(root, as_of) == expected  # by stat
    assert len(parses) == files  # nothing parsed again
    return expected


# -- identical results ---------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [STORY_AS_OF, "2016-06-20"])
def test_story_same_with_and_without_the_store(story: Path, parses: Counter, as_of: str) -> None:
    found = same_everywhere(story, dt.date.fromisoformat(as_of), parses)
    if as_of == STORY_AS_OF:
        assert [p for p in found if p.level != "info"] == []
    else:
        assert found  # loops have come due: something to compare


def broken_cases() -> list[Path]:
    return sorted(BROKEN.glob("*.yaml")) if BROKEN.is_dir() else []


@pytest.mark.parametrize("case", broken_cases(), ids=lambda p: p.stem)
def test_broken_fixture_same_with_and_without_the_store(
    story: Path, parses: Counter, case: Path
) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    write_files(
        story,
        {
            rel: text.encode("utf-8") if isinstance(text, str) else text
            for rel, text in (spec.get("files") or {}).items()
        },
    )
    for rel in spec.get("delete") or []:
        (story / rel).unlink()
    as_of = spec["as_of"]
    as_of = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
    found = same_everywhere(story, as_of, parses)
    assert {e["rule"] for e in spec.get("expect") or []} <= {p.rule for p in found}


def test_generated_ledger_same_with_and_without_the_store(tmp_path: Path, parses: Counter) -> None:
    generate = pytest.importorskip("benchmarks.generate").generate
    root = tmp_path / "generated"
    generate(root, 40, 200, 5, 3)
    same_everywhere(root, dt.date(2026, 11, 27), parses)
    parses.clear()
    earlier = dt.date(2021, 3, 1)
    assert problems(root, earlier) == problems(root, earlier, stored=False)
    assert len(parses) == ledger_files(root)  # only the run without the store parsed


def test_records_round_trip_through_the_store(story: Path) -> None:
    """What the store decodes is the very record the file builds (every field, nested ones too)."""
    loaded = load_ledger(story, WorkTree(story), None)
    built = [*loaded.ledger.contacts.values(), *loaded.ledger.interactions.values()]
    built += loaded.ledger.opportunities.values()
    store = open_store(story)
    assert store is not None
    for record in built:
        kind = {Contact: "contact", Interaction: "interaction", Opportunity: "opportunity"}
        assert store.decode(kind[type(record)], msgspec.msgpack.encode(record)) == record


def test_the_record_fields_are_those_the_store_format_names() -> None:
    """Stored records are lists of their fields: a field added, removed or moved must bump
    reseau.cache.STORE_FORMAT (then update this list)."""
    fields = {
        cls.__name__: cls.__struct_fields__
        for cls in (Contact, Interaction, Opportunity, Received, Promise, NextStep, Stage,
                    Problem, Msg, Day)
    }  # fmt: skip
    assert cache.STORE_FORMAT == 6
    assert fields == {
        "Contact": ("id", "path", "name", "organization", "role", "introduced_by", "relation",
                    "emails", "phones", "links", "location", "tags", "aliases", "cadence",
                    "status", "notes", "waive", "history"),
        "Interaction": ("id", "path", "date", "with_", "channel", "initiated_by", "summary", "ask",
                        "gave", "received", "promised", "next", "opportunity", "planned",
                        "waive", "source"),
        "Opportunity": ("id", "path", "title", "organization", "via", "stages", "waive"),
        "Received": ("index", "word", "referral"),
        "Promise": ("index", "what", "due", "done", "dropped"),
        "NextStep": ("action", "due", "with_", "dropped"),
        "Stage": ("index", "date", "stage", "note"),
        "Problem": ("path", "line", "column", "rule", "name", "level", "message", "msg"),
        "Msg": ("id", "args", "plural"),
        "Day": ("iso",),
    }  # fmt: skip


# -- what it trusts ----------------------------------------------------------------------------------


def test_a_changed_file_is_read_again(story: Path, parses: Counter) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    problems(story, as_of)
    target = story / "interactions" / "2016" / "2016-04-18-meeting-karim-bonnet.yaml"
    text = target.read_text(encoding="utf-8")
    assert "ask: none" in text
    target.write_text(text.replace("ask: none", "ask: job!"), encoding="utf-8")
    os.utime(target, ns=(OLD_NS, OLD_NS))  # same size, same mtime: the ctime still differs
    parses.clear()
    found = problems(story, as_of)
    assert parses == ["interaction"]
    assert [p.rule for p in found if p.path.endswith("karim-bonnet.yaml") and p.rule == "S001"]
    assert found == problems(story, as_of, stored=False)


@pytest.mark.parametrize("what", ["schema", "version"])
def test_another_schema_or_version_empties_the_store(
    story: Path, parses: Counter, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    expected = problems(story, as_of)
    parses.clear()
    if what == "schema":
        monkeypatch.setattr(schema, "schemas_digest", lambda: "another schema")
    else:
        monkeypatch.setattr(reseau, "__version__", "999.0.0")
    assert problems(story, as_of) == expected
    assert len(parses) == ledger_files(story)
    parses.clear()
    assert problems(story, as_of) == expected  # rewritten for the new stamp
    assert parses == []


def test_a_file_changed_just_before_it_was_read_is_checked_by_content(
    story: Path, parses: Counter
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    problems(story, as_of)  # the files are new: their stat is not trusted yet
    parses.clear()
    problems(story, as_of)
    assert parses == []  # found by the hash of their bytes
    target = story / "contacts" / "karim-bonnet.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("Karim", "Karin"), "utf-8")
    assert "Karin Bonnet" in [c.name for c in load_ledger(story, None, open_store(story)).ledger.contacts.values()]  # fmt: skip


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_record_does_not_hang(story: Path) -> None:
    os.mkfifo(story / "contacts" / "a-pipe.yaml")
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    found = problems(story, as_of)
    assert [(p.path, p.rule) for p in found if p.path == "contacts/a-pipe.yaml"] == [
        ("contacts/a-pipe.yaml", "Y001")
    ]
    assert found == problems(story, as_of, stored=False)


def test_rows_of_deleted_files_are_dropped(story: Path) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    problems(story, as_of)
    assert "contacts/karim-bonnet.yaml" in {r[0] for r in rows(story, "files")}
    (story / "contacts" / "karim-bonnet.yaml").unlink()
    problems(story, as_of)
    paths = {r[0] for r in rows(story, "files")}
    assert "contacts/karim-bonnet.yaml" not in paths
    assert len(rows(story, "docs")) == len(paths)  # the documents of the files left


# -- damage, locks, concurrency ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["garbage", "empty", "truncated", "zeroed pages", "foreign"])
def test_a_damaged_database_is_rebuilt_silently(
    story: Path, parses: Counter, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    expected = problems(story, as_of, stored=False)
    problems(story, as_of)
    path = store_file(story)
    good = path.read_bytes()
    if case == "garbage":
        path.write_bytes(b"\x00\xffnot a database at all" * 200)
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif case == "zeroed pages":
        path.write_bytes(good[:100] + bytes(len(good) - 100))
    else:  # a database of someone else's, with a table named like ours
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE files (x)")
            db.execute("INSERT INTO files VALUES (1)")
    parses.clear()
    assert problems(story, as_of) == expected
    parses.clear()
    assert problems(story, as_of) == expected
    assert parses == []  # rebuilt: the second run reads nothing
    assert capsys.readouterr() == ("", "")


def test_cli_with_a_damaged_database_prints_nothing_more(
    story: Path, cli: Callable[..., Result]
) -> None:
    first = cli("--ledger", str(story), "check", "--as-of", "2016-06-20")
    store_file(story).write_bytes(b"\x8b\x08 broken" * 100)
    again = cli("--ledger", str(story), "check", "--as-of", "2016-06-20")
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert first.out


def test_a_locked_database_costs_time_never_a_result(story: Path, parses: Counter) -> None:
    as_of = dt.date.fromisoformat("2016-06-20")
    expected = problems(story, as_of, stored=False)
    problems(story, as_of)
    (story / "contacts" / "karim-bonnet.yaml").touch()  # something to write
    holder = sqlite3.connect(store_file(story), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another run in the middle of its save
    try:
        assert problems(story, as_of) == expected
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert problems(story, as_of) == expected


def test_concurrent_runs_agree_with_a_run_without_the_store(story: Path, tmp_path: Path) -> None:
    env = {**os.environ, "RESEAU_CACHE_DIR": str(tmp_path / "shared-cache")}
    args = [sys.executable, "-m", "reseau", "--ledger", str(story), "check", "--format", "json"]
    expected = subprocess.run([*args, "--no-cache", "--as-of", "2016-06-20"], env=env,
                              capture_output=True, text=True, check=False).stdout  # fmt: skip
    for _ in range(2):
        runs = [
            subprocess.Popen(
                [*args, "--as-of", "2016-06-20"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            for _ in range(6)
        ]
        outputs = [run.communicate() for run in runs]
        assert [out for out, _ in outputs] == [expected] * 6
        assert [err for _, err in outputs] == [""] * 6


# -- where it lives, when it is written ------------------------------------------------------------


def test_the_store_lives_outside_the_ledger(
    story: Path, cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(elsewhere))
    before = sorted(p.relative_to(story) for p in story.rglob("*"))
    assert cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
    assert sorted(p.relative_to(story) for p in story.rglob("*")) == before
    assert store_file(story).parent == elsewhere
    assert {p.name for p in elsewhere.iterdir()} <= {
        store_file(story).name + suffix for suffix in ("", "-wal", "-shm")
    }


def test_the_user_cache_directory_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RESEAU_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "reseau"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "reseau"


def test_one_database_per_ledger(tmp_path: Path) -> None:
    assert store_file(tmp_path / "a") != store_file(tmp_path / "b")
    assert store_file(tmp_path / "a") == store_file(tmp_path / "x" / ".." / "a")


def test_no_cache_writes_nothing(story: Path, cli: Callable[..., Result]) -> None:
    assert cli("--ledger", str(story), "check", "--no-cache", "--as-of", STORY_AS_OF).code == 0
    assert cli("--ledger", str(story), "--no-cache", "check", "--as-of", STORY_AS_OF).code == 0
    assert not store_file(story).exists()


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(blocker / "cache"))
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    assert open_store(story) is None
    assert problems(story, as_of) == problems(story, as_of, stored=False)


# -- kept results ---------------------------------------------------------------------------------------


@pytest.fixture
def rule_runs(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """The as-of days the rules actually ran for (not served from the store)."""
    days: list[dt.date] = []
    real = engine.findings

    def counting(*args: object) -> object:
        days.append(args[2])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "findings", counting)
    return days


Cli = Callable[..., Result]


def test_the_same_content_and_day_reuse_the_problems(
    story: Path, cli: Cli, rule_runs: list[dt.date]
) -> None:
    first = cli("--ledger", str(story), "check", "--as-of", "2016-06-20", "--format", "json")
    again = cli("--ledger", str(story), "check", "--as-of", "2016-06-20", "--format", "json")
    assert again.out == first.out and len(rule_runs) == 1
    report = cli("--ledger", str(story), "report", "--as-of", "2016-06-20")
    assert report.code == 0 and len(rule_runs) == 1  # the report reads them too
    cli("--ledger", str(story), "check", "--as-of", "2016-06-21")
    assert len(rule_runs) == 2  # another day
    (story / "contacts" / "karim-bonnet.yaml").write_text("name: Karim\n", encoding="utf-8")
    changed = cli("--ledger", str(story), "check", "--as-of", "2016-06-20", "--format", "json")
    assert len(rule_runs) == 3 and changed.out != first.out  # another content


def test_only_the_newest_results_are_kept(story: Path, cli: Cli) -> None:
    for day in ("2016-06-20", "2016-06-21", "2016-06-22", "2016-06-23"):
        cli("--ledger", str(story), "check", "--as-of", day)
    assert sorted(r[1] for r in rows(story, "results")) == ["2016-06-22", "2016-06-23"]


def test_an_unchanged_ledger_is_answered_from_the_store_alone(
    story: Path, cli: Cli, parses: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every stat trusted and findings kept: no record is decoded, the output is the same."""
    args = ("--ledger", str(story), "check", "--as-of", "2016-06-20", "--format", "json")
    (story / "reseau.yaml").write_text("owner: [not, a, name]\n", encoding="utf-8")
    first = cli(*args)
    age(story)
    cli(*args)  # the stat rows are rewritten for the aged files
    decoded: list[str] = []
    monkeypatch.setattr(common, "load_ledger", lambda *a: decoded.append("load"))
    again = cli(*args)
    assert decoded == []
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert first.code == 2 and '"files": ' in first.out  # a broken reseau.yaml still exits 2


def test_the_store_is_private_to_its_owner(
    story: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It holds names, e-mails and phones: 0600 files in a 0700 folder, whatever the umask."""
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(tmp_path / "private" / "cache"))
    old = os.umask(0o022)
    try:
        assert cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
        holder = sqlite3.connect(store_file(story))  # keeps -wal and -shm in place
        holder.execute("SELECT count(*) FROM files").fetchone()
        modes = {p.name: p.stat().st_mode & 0o777 for p in store_file(story).parent.iterdir()}
        holder.close()
    finally:
        os.umask(old)
    assert (tmp_path / "private" / "cache").stat().st_mode & 0o777 == 0o700
    assert set(modes.values()) == {0o600}, modes
