"""The results cache: problems reused only for the same content, day and version."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import reseau
import reseau.engine
from reseau.cache import cache_file
from reseau.results import results_dir
from tests.conftest import STORY_AS_OF, Result

Cli = Callable[..., Result]


@pytest.fixture
def rule_runs(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """The as-of day of every run of the rules."""
    runs: list[dt.date] = []
    real = reseau.engine.check_ledger

    def counting(ledger, file_problems, as_of, loops=None):  # type: ignore[no-untyped-def]
        runs.append(as_of)
        return real(ledger, file_problems, as_of, loops)

    monkeypatch.setattr(reseau.engine, "check_ledger", counting)
    return runs


def check(cli: Cli, story: Path, *args: str) -> Result:
    return cli("--ledger", str(story), "check", "--format", "json", *args)


def test_the_same_content_and_day_reuse_the_problems(
    story: Path, cli: Cli, rule_runs: list[dt.date]
) -> None:
    first = check(cli, story, "--as-of", "2016-06-20")
    again = check(cli, story, "--as-of", "2016-06-20")
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert first.code == 1 and '"rule": "R006"' in first.out
    assert rule_runs == [dt.date(2016, 6, 20)]  # the second run did not run the rules
    uncached = check(cli, story, "--as-of", "2016-06-20", "--no-cache")
    assert uncached.out == first.out
    assert len(rule_runs) == 2


def test_another_day_runs_the_rules(story: Path, cli: Cli, rule_runs: list[dt.date]) -> None:
    check(cli, story, "--as-of", "2016-06-20")
    clean = check(cli, story, "--as-of", STORY_AS_OF)
    assert clean.code == 0
    assert rule_runs == [dt.date(2016, 6, 20), dt.date(2016, 5, 3)]
    check(cli, story, "--as-of", "2016-06-20")  # both days are kept
    check(cli, story, "--as-of", STORY_AS_OF)
    assert len(rule_runs) == 2


def test_a_changed_file_runs_the_rules(story: Path, cli: Cli, rule_runs: list[dt.date]) -> None:
    before = check(cli, story, "--as-of", STORY_AS_OF)
    target = story / "interactions" / "2016" / "2016-04-28-call-helene-dupre.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("due: 2016-05-06", "due: 2016-05-01"),
        encoding="utf-8",
    )
    after = check(cli, story, "--as-of", STORY_AS_OF)
    assert len(rule_runs) == 2
    assert before.code == 0 and after.code == 1 and '"rule": "R006"' in after.out


def test_settings_a_new_file_or_a_removed_file_run_the_rules(
    story: Path, cli: Cli, rule_runs: list[dt.date]
) -> None:
    check(cli, story, "--as-of", "2016-06-20")
    settings = story / "reseau.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "rules:\n", 'rules:\n  R006: {level: "off"}\n'
        ),
        encoding="utf-8",
    )
    off = check(cli, story, "--as-of", "2016-06-20")
    assert '"rule": "R006"' not in off.out
    (story / "notes").mkdir()
    (story / "notes" / "todo.yaml").write_text("a: 1\n", encoding="utf-8")  # an unknown file
    unknown = check(cli, story, "--as-of", "2016-06-20")
    assert '"rule": "L003"' in unknown.out
    (story / "notes" / "todo.yaml").unlink()
    assert check(cli, story, "--as-of", "2016-06-20").out == off.out
    assert len(rule_runs) == 3  # the same content as two runs ago: reused
    (story / "contacts" / "karim-bonnet.yaml").unlink()
    gone = check(cli, story, "--as-of", "2016-06-20")
    assert len(rule_runs) == 4
    assert '"rule": "L001"' in gone.out


def test_a_new_version_runs_the_rules(
    story: Path, cli: Cli, rule_runs: list[dt.date], monkeypatch: pytest.MonkeyPatch
) -> None:
    check(cli, story, "--as-of", "2016-06-20")
    monkeypatch.setattr(reseau, "__version__", "999.0.0")
    check(cli, story, "--as-of", "2016-06-20")
    assert len(rule_runs) == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_results_file_is_ignored(
    story: Path, cli: Cli, rule_runs: list[dt.date], damage: bytes | None
) -> None:
    first = check(cli, story, "--as-of", "2016-06-20")
    [path] = list(results_dir(story).iterdir())
    data = path.read_bytes()
    path.write_bytes(damage if damage is not None else data[:-1] + bytes([data[-1] ^ 1]))
    again = check(cli, story, "--as-of", "2016-06-20")
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert len(rule_runs) == 2


def test_report_after_check_reuses_the_problems(
    story: Path, cli: Cli, rule_runs: list[dt.date]
) -> None:
    fresh = cli("--ledger", str(story), "--no-cache", "report", "--as-of", "2016-06-20")
    assert len(rule_runs) == 1
    check(cli, story, "--as-of", "2016-06-20")
    report = cli("--ledger", str(story), "report", "--as-of", "2016-06-20")
    assert len(rule_runs) == 2  # the check ran the rules, the report did not
    assert (report.code, report.out) == (fresh.code, fresh.out)


def test_staged_runs_and_no_cache_keep_no_results(story: Path, cli: Cli) -> None:
    check(cli, story, "--as-of", STORY_AS_OF, "--no-cache")
    assert not results_dir(story).exists()
    assert not cache_file(story).exists()


def test_results_live_beside_the_cache(story: Path, cli: Cli) -> None:
    check(cli, story, "--as-of", STORY_AS_OF)
    assert results_dir(story).parent == cache_file(story).parent
    shutil.rmtree(cache_file(story).parent)  # safe to delete
    assert check(cli, story, "--as-of", STORY_AS_OF).code == 0
    assert os.path.isdir(results_dir(story))


def test_only_the_two_newest_entries_are_kept(story: Path, cli: Cli) -> None:
    for day in ("2016-05-03", "2016-05-04", "2016-05-05"):
        check(cli, story, "--as-of", day)
    names = sorted(p.name[-10:] for p in results_dir(story).iterdir())
    assert names == ["2016-05-04", "2016-05-05"]


@pytest.mark.parametrize("as_of", ["2026-11-27", "2024-02-29"])
def test_generated_ledger_report_from_kept_findings(
    tmp_path: Path, cli: Cli, rule_runs: list[dt.date], as_of: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate = pytest.importorskip("benchmarks.generate").generate
    root = tmp_path / "generated"
    generate(root, 80, 400, 8, 5)
    fresh = cli("--ledger", str(root), "--no-cache", "report", "--as-of", as_of)
    fresh_check = check(cli, root, "--as-of", as_of, "--no-cache")
    assert "## Broken chains" in fresh.out and fresh_check.code == 1
    assert check(cli, root, "--as-of", as_of).out == fresh_check.out  # fills both caches
    loop_runs: list[object] = []
    real = reseau.engine.ledger_loops
    monkeypatch.setattr(reseau.engine, "ledger_loops", lambda *a: loop_runs.append(a) or real(*a))  # type: ignore[func-returns-value]
    kept = cli("--ledger", str(root), "report", "--as-of", as_of)
    assert (kept.code, kept.out, kept.err) == (fresh.code, fresh.out, fresh.err)
    assert loop_runs == [] and len(rule_runs) == 3  # neither loops nor rules ran for the report
