"""The rules split over two processes give exactly the sequential results."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reseau import engine, parallel
from reseau.discover import WorkTree
from reseau.engine import check_ledger, ledger_loops
from reseau.load import load_ledger
from reseau.loops import Loop
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or (os.cpu_count() or 1) < 2,
    reason="forks only on Linux with two CPUs or more",
)


def loop_fields(loops: list[Loop]) -> list[tuple[Any, ...]]:
    return [
        (
            lp.kind,
            lp.path,
            lp.opened,
            lp.due,
            lp.people,
            lp.subject,
            lp.action,
            lp.at,
            lp.closed,
            lp.closed_by,
            lp.source is not None,
        )
        for lp in loops
    ]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make every ledger large enough to fork for; count the forks."""
    monkeypatch.setattr(parallel, "MIN_RECORDS", 0)
    started: list[int] = []
    real = parallel.start

    def counting(func: Callable[[], Any]) -> Callable[[], Any]:
        started.append(1)
        return real(func)

    monkeypatch.setattr(parallel, "start", counting)
    return started


@pytest.mark.parametrize("as_of", ["2026-11-27", "2019-03-04"])
def test_generated_ledger_same_in_two_processes(
    tmp_path: Path, forks: list[int], as_of: str
) -> None:
    generate = pytest.importorskip("benchmarks.generate").generate
    generate(tmp_path / "g", 80, 400, 8, 11)
    loaded = load_ledger(tmp_path / "g", WorkTree(tmp_path / "g"))
    day = dt.date.fromisoformat(as_of)
    loops = ledger_loops(loaded.ledger, day)
    expected = check_ledger(loaded.ledger, loaded.problems, day, loops)
    problems, open_loops = engine.findings(loaded.ledger, loaded.problems, day)
    assert forks == [1]
    assert problems == expected and {p.rule for p in problems} >= {"R005", "R007"}
    assert loop_fields(open_loops) == loop_fields([lp for lp in loops if lp.is_open()])
    assert all(lp.source is loaded.ledger.by_path[lp.path] for lp in open_loops)


def test_story_same_in_two_processes(forks: list[int]) -> None:
    root = ROOT / "examples" / "story"
    loaded = load_ledger(root, WorkTree(root))
    day = dt.date(2016, 6, 30)
    expected = check_ledger(loaded.ledger, loaded.problems, day)
    assert engine.findings(loaded.ledger, loaded.problems, day)[0] == expected
    assert forks == [1]


def test_a_failed_child_leaves_the_work_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_RECORDS", 0)
    monkeypatch.setattr(parallel, "start", lambda func: lambda: None)
    root = ROOT / "examples" / "story"
    loaded = load_ledger(root, WorkTree(root))
    day = dt.date(2016, 6, 30)
    assert engine.findings(loaded.ledger, loaded.problems, day)[0] == check_ledger(
        loaded.ledger, loaded.problems, day
    )


def test_start_returns_the_childs_value_or_none() -> None:
    assert parallel.start(lambda: {"a": (1, 2.5, "é")})() == {"a": (1, 2.5, "é")}
    assert parallel.start(lambda: 1 // 0)() is None  # the child raised
    assert parallel.start(lambda: object())() is None  # not marshal-able
    assert parallel.start(lambda: os.getpid())() != os.getpid()


def test_small_ledgers_do_not_fork() -> None:
    assert not parallel.available(parallel.MIN_RECORDS - 1)


# -- listing and stat'ing the files in a helper while the cache loads ------------------------------


@pytest.fixture
def scans_aside(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> list[int]:
    """Scan aside whatever the cache's size (forks counts the helpers started)."""
    from reseau.commands import common

    monkeypatch.setattr(common, "SCAN_ASIDE_BYTES", 0)
    return forks


def test_a_scan_aside_sees_what_an_inline_scan_sees(
    story: Path, scans_aside: list[int], cli: Callable[..., Any]
) -> None:
    inline = cli("--ledger", str(story), "check", "--as-of", "2016-06-30", "--format", "json")
    assert scans_aside == [1]  # the rules forked; no cache yet: no scan aside
    aside = cli("--ledger", str(story), "check", "--as-of", "2016-06-30", "--format", "json")
    assert scans_aside == [1, 1]  # the scan forked; the rules' results were kept
    assert (aside.code, aside.out) == (inline.code, inline.out) and inline.code == 1
    target = story / "interactions" / "2016" / "2016-04-28-call-helene-dupre.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace(
            "due: 2016-05-06", "due: 2016-05-06\n    done: 2016-05-05"
        ),
        encoding="utf-8",
    )
    os.utime(target, ns=(1_500_000_000 * 10**9, 1_500_000_000 * 10**9))  # an old mtime: by stat
    changed = cli("--ledger", str(story), "check", "--as-of", "2016-06-30", "--format", "json")
    assert '"rule": "R006"' in inline.out and '"rule": "R006"' not in changed.out
    uncached = cli(
        "--ledger", str(story), "--no-cache", "check", "--as-of", "2016-06-30", "--format", "json"
    )
    assert changed.out == uncached.out


def test_a_failed_scan_aside_is_done_in_line(
    story: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]
) -> None:
    from reseau.commands import common

    monkeypatch.setattr(common, "SCAN_ASIDE_BYTES", 0)
    first = cli("--ledger", str(story), "check", "--as-of", "2016-06-30")
    monkeypatch.setattr(parallel, "start", lambda func: lambda: None)
    again = cli("--ledger", str(story), "check", "--as-of", "2016-06-30")
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)


def test_scan_lists_and_stats_the_record_files(story: Path) -> None:
    from reseau.load import scan

    rows, stats = scan(WorkTree(story), str(story))
    assert rows == [(f.path, f.kind) for f in WorkTree(story).list()]
    assert set(stats) == {
        f.path
        for f in WorkTree(story).list()
        if f.kind in ("contact", "interaction", "opportunity")
    }
    some = "contacts/karim-bonnet.yaml"
    info = os.stat(story / some)
    assert stats[some] == (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
