"""The hostile-input corpus: every file gives its positioned problem, in bounded time and memory.

Each case is placed in its own copy of examples/story beside contacts/known-other.yaml,
whose S001 must still be reported: one bad file never hides the others. `reseau check`
runs in a subprocess with a 20 s timeout and a 1 GiB address-space limit, and must
never print a traceback. The same bytes also go through `read_record` in-process, which
is fast and pins the Y/S problem without a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from reseau.discover import classify
from reseau.load import read_record
from tests.reliability.harness import (
    KNOWN,
    Run,
    check_json,
    problems_of,
    story_with_known_problem,
)

CORPUS = Path(__file__).resolve().parent / "corpus"
Expected = frozenset[tuple[str, int, int]]


@dataclass(frozen=True)
class Case:
    name: str
    place: str
    expect: Expected
    exit: int
    build: Callable[[Path, Path], None]  # (ledger root, scratch folder outside it)

    @property
    def data(self) -> bytes | None:
        path = CORPUS / self.name
        return path.read_bytes() if path.is_file() else None


def _write(place: str, make: Callable[[], bytes]) -> Callable[[Path, Path], None]:
    def build(root: Path, scratch: Path) -> None:
        target = root / place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make())

    return build


def _symlink_outside(root: Path, scratch: Path) -> None:
    secret = scratch / "secret.yaml"
    secret.write_text("name: Not In The Ledger\nemails: [secret@example.org]\n", encoding="utf-8")
    os.symlink(secret, root / "contacts" / "outside.yaml")


def _symlink_dir_outside(root: Path, scratch: Path) -> None:
    folder = scratch / "elsewhere"
    folder.mkdir()
    (folder / "intruder.yaml").write_text("name: [broken\n", encoding="utf-8")
    os.symlink(folder, root / "contacts" / "elsewhere")


def _symlink_loop(root: Path, scratch: Path) -> None:
    os.symlink("loop.yaml", root / "contacts" / "loop.yaml")


def _symlink_dangling(root: Path, scratch: Path) -> None:
    os.symlink("nobody.yaml", root / "contacts" / "dangling.yaml")


def _fifo(root: Path, scratch: Path) -> None:
    os.mkfifo(root / "contacts" / "fifo.yaml")


def _symlink_to_fifo_inside(root: Path, scratch: Path) -> None:
    os.mkfifo(root / ".pipe")
    os.symlink("../.pipe", root / "contacts" / "pipe.yaml")


def _folder_named_yaml(root: Path, scratch: Path) -> None:
    (root / "contacts" / "folder.yaml").mkdir()


VALID = b"name: Ada Lovelace\norganization: Analytical Engine\n"
# name: (place, bytes made at test time, expected problems at place)
GENERATED: dict[str, tuple[str, Callable[[], bytes], Expected]] = {
    "deep-flow-lists-10000": (
        "contacts/ada-lovelace.yaml",
        lambda: b"name: Ada\nx-deep: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        frozenset({("Y001", 2, 1008)}),
    ),  # libyaml's own depth limit
    "deep-flow-mappings-10000": (
        "contacts/ada-lovelace.yaml",
        lambda: b"name: Ada\nx-deep: " + b"{a: " * 10_000 + b"}" * 10_000 + b"\n",
        frozenset({("Y001", 2, 205)}),
    ),
    "deep-block-lists-10000": (
        "contacts/ada-lovelace.yaml",
        lambda: b"- " * 10_000 + b"x\n",
        frozenset({("Y001", 1, 101)}),
    ),
    "size-20-mib": (
        "contacts/ada-lovelace.yaml",
        lambda: VALID + b"notes: " + b"x" * (20 << 20) + b"\n",
        frozenset({("Y001", 1, 1)}),
    ),
    "size-just-over-1-mib": (
        "contacts/ada-lovelace.yaml",
        lambda: VALID + b"notes: " + b"x" * ((1 << 20) - len(VALID) - 7) + b"\n",
        frozenset({("Y001", 1, 1)}),
    ),
    "size-just-under-1-mib": (
        "contacts/ada-lovelace.yaml",
        lambda: VALID + b"notes: " + b"x" * ((1 << 20) - len(VALID) - 8) + b"\n",
        frozenset(),
    ),
    "many-keys-60000": (
        "contacts/ada-lovelace.yaml",
        lambda: VALID + b"".join(b"x-k%d: %d\n" % (i, i) for i in range(60_000)),
        frozenset(),
    ),
    "unknown-folder": ("notes/x.yaml", lambda: VALID, frozenset({("L003", 1, 1)})),
    "yml-extension": ("contacts/ada-lovelace.yml", lambda: VALID, frozenset({("L003", 1, 1)})),
    "not-a-slug-file-name": (
        "contacts/Ada Lovelace.yaml",
        lambda: VALID,
        frozenset({("L003", 1, 1)}),
    ),
    "hidden-file-ignored": ("contacts/.ada-lovelace.yaml", lambda: b"name: [broken\n", frozenset()),
}
# name: (place, builder(root, scratch), expected problems at place)
BUILT: dict[str, tuple[str, Callable[[Path, Path], None], Expected]] = {
    "symlink-outside": ("contacts/outside.yaml", _symlink_outside, frozenset({("L003", 1, 1)})),
    "symlink-folder-outside": (
        "contacts/elsewhere/intruder.yaml",
        _symlink_dir_outside,
        frozenset(),
    ),
    "symlink-loop": ("contacts/loop.yaml", _symlink_loop, frozenset({("L003", 1, 1)})),
    "symlink-dangling": ("contacts/dangling.yaml", _symlink_dangling, frozenset({("Y001", 1, 1)})),
    "fifo": ("contacts/fifo.yaml", _fifo, frozenset({("Y001", 1, 1)})),
    "symlink-to-fifo-inside": (
        "contacts/pipe.yaml",
        _symlink_to_fifo_inside,
        frozenset({("Y001", 1, 1)}),
    ),
    "folder-named-like-a-record": ("contacts/folder.yaml", _folder_named_yaml, frozenset()),
}


def load_cases() -> list[Case]:
    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    defaults = manifest["defaults"]
    cases = []
    for entry in manifest["cases"]:
        place = entry.get("place", defaults["place"])
        expect = frozenset((r, int(line), int(col)) for r, line, col in entry["expect"])
        source = CORPUS / entry["file"]
        cases.append(
            Case(
                entry["file"],
                place,
                expect,
                entry.get("exit", defaults["exit"]),
                _write(place, source.read_bytes),
            )
        )
    for name, (place, make, expect) in GENERATED.items():
        cases.append(Case(name, place, expect, 1, _write(place, make)))
    for name, (place, build, expect) in BUILT.items():
        cases.append(Case(name, place, expect, 1, build))
    return cases


CASES = load_cases()
FILE_CASES = [c for c in CASES if c.data is not None and classify(c.place) not in (None, "unknown")]


def test_corpus_is_large_and_every_file_is_in_the_manifest() -> None:
    listed = {c.name for c in CASES}
    on_disk = {
        p.name for p in CORPUS.iterdir() if p.name not in ("manifest.yaml", ".gitattributes")
    }
    assert on_disk == listed & on_disk
    assert len(on_disk) >= 40
    assert len(CASES) >= 90


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c.name)
def test_read_record_gives_the_expected_file_problem(case: Case) -> None:
    """In-process: the file alone gives exactly its Y001/Y002/S001 problems (or none)."""
    assert case.data is not None
    kind = classify(case.place)
    assert kind is not None
    doc = read_record(kind, case.data)
    found = {(rule, line, column) for rule, line, column, _ in doc.problems}
    assert found == {p for p in case.expect if p[0] in ("Y001", "Y002", "S001")}
    assert all(message for *_, message in doc.problems)


@pytest.fixture(scope="module")
def corpus_runs() -> Iterator[dict[str, Run]]:
    """Every case in its own ledger, `reseau check` run in parallel subprocesses."""
    with tempfile.TemporaryDirectory(prefix="reseau-corpus-") as folder:
        base = Path(folder)

        def one(case: Case) -> tuple[str, Run]:
            work = base / f"case-{CASES.index(case)}"
            scratch = work / "scratch"
            scratch.mkdir(parents=True)
            root = story_with_known_problem(work / "ledger")
            case.build(root, scratch)
            return case.name, check_json(root, work / "cache")

        with ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) + 2) as pool:
            yield dict(pool.map(one, CASES))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_reports_the_problem_and_the_rest_of_the_ledger(
    case: Case, corpus_runs: dict[str, Run]
) -> None:
    run = corpus_runs[case.name]
    assert not run.timed_out, f"check took over 20 s on {case.name}"
    assert "Traceback" not in run.err
    assert run.code == case.exit, run.err
    problems = problems_of(run)
    assert KNOWN in problems, "the other file's problem was not reported"
    assert {
        (rule, line, column) for path, line, column, rule in problems if path == case.place
    } == case.expect
    # Nothing else: no file outside the case's own and the known one gains a problem.
    assert {p[0] for p in problems} <= {case.place, KNOWN[0]}
    assert run.json()["summary"]["errors"] >= 1


# The same file-system traps in a Git work tree, where reseau lists files through Git.
GIT_CASES = [c for c in CASES if c.name in BUILT or c.name == "size-20-mib"]
GIT_EXPECT = {"fifo": frozenset()}  # Git does not list FIFOs: nothing to read
GIT_BUGS: dict[str, str] = {}  # name: reason, for an xfail


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=GIT_BUGS[c.name]))
        if c.name in GIT_BUGS
        else c
        for c in GIT_CASES
    ],
    ids=lambda c: c.name,
)
def test_file_system_traps_in_a_git_work_tree(case: Case, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    root = story_with_known_problem(tmp_path / "ledger")
    case.build(root, scratch)
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    run = check_json(root, tmp_path / "cache", timeout=10)
    assert not run.timed_out, f"check took over 20 s on {case.name}"
    assert "Traceback" not in run.err
    problems = problems_of(run)
    assert KNOWN in problems
    assert {
        (rule, line, column) for path, line, column, rule in problems if path == case.place
    } == GIT_EXPECT.get(case.name, case.expect)
