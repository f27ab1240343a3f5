"""Property-based tests: no bytes, text or mutation of a record crashes `check`.

Each example replaces (or adds) one file of the story ledger, held in memory, and runs
the whole pipeline in-process: `read_record` for the file, then `load_ledger` and
`check_ledger` over the ledger. Problems must be well-formed and positioned inside the
file; nothing may raise.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reseau.cache import Store, open_store
from reseau.discover import LedgerFile, classify_all
from reseau.engine import check_ledger
from reseau.load import load_ledger, read_record
from reseau.problems import LEVELS, Problem
from tests.conftest import STORY, STORY_AS_OF, run_cli

AS_OF = dt.date.fromisoformat(STORY_AS_OF)
STORY_FILES: dict[str, bytes] = {
    p.relative_to(STORY).as_posix(): p.read_bytes() for p in sorted(STORY.rglob("*.yaml"))
}
RECORD_PATHS = sorted(STORY_FILES)
PLACES = [
    "contacts/fuzz.yaml",
    "interactions/2016/2016-04-20-call-fuzz.yaml",
    "opportunities/fuzz.yaml",
    "reseau.yaml",
    "contacts/helene-dupre.yaml",
    "interactions/2016/2016-04-08-meeting-helene-dupre.yaml",
]
KINDS = {"contacts": "contact", "interactions": "interaction", "opportunities": "opportunity"}

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class MemorySource:
    """The story ledger in memory, with some files replaced."""

    on_disk = False

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def list(self) -> list[LedgerFile]:
        return classify_all(self.files)

    def read(self, path: str) -> bytes:
        return self.files[path]

    def stat(self, path: str) -> None:
        return None


def story_store() -> Store | None:
    """One store for the whole fuzzing run, in a folder of its own: only the fuzzed file is
    parsed (the story's documents come from it by content)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RESEAU_CACHE_DIR", tempfile.mkdtemp(prefix="reseau-fuzz-"))
        return open_store(Path("/nonexistent-ledger"))


CACHE = story_store()


def kind_of(path: str) -> str:
    return "settings" if path == "reseau.yaml" else KINDS[path.split("/")[0]]


def check_with(path: str, data: bytes) -> list[Problem]:
    """The whole pipeline over the story with `path` holding `data`; asserts well-formed output."""
    doc = read_record(kind_of(path), data)
    lines = len(re.split(rb"\r\n|\r|\n", data))  # YAML 1.2: NEL, LS and PS break no line
    for rule, line, column, message in doc.problems:
        assert rule in ("Y001", "Y002", "S001")
        assert 1 <= line <= lines and column >= 1 and message
    loaded = load_ledger(
        Path("/nonexistent-ledger"), MemorySource({**STORY_FILES, path: data}), CACHE
    )
    problems = check_ledger(loaded.ledger, loaded.problems, AS_OF)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.level in LEVELS and problem.message
    return problems


@FUZZ
@given(place=st.sampled_from(PLACES), data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_check(place: str, data: bytes) -> None:
    check_with(place, data)


@FUZZ
@given(place=st.sampled_from(PLACES), text=st.text(max_size=1000))
def test_arbitrary_text_never_crashes_check(place: str, text: str) -> None:
    check_with(place, text.encode("utf-8", "surrogatepass"))


# Text that holds what YAML 1.1 took for line breaks (NEL, LS, PS) beside real ones.
BREAKY = st.text(
    alphabet=st.sampled_from(list("ab: -#'\"[]\n\r\t\u0085\u2028\u2029\ue000")), max_size=300
)


@FUZZ
@given(place=st.sampled_from(PLACES), text=BREAKY)
def test_positions_count_only_lf_cr_and_crlf(place: str, text: str) -> None:
    """Issue 19, finding 7: every problem's line is within the file's LF/CR/CRLF lines."""
    check_with(place, text.encode("utf-8"))


YAMLISH = st.text(
    alphabet=st.sampled_from(list("abc:-[]{},'\"!&*#|>?%@` \t\n\r~0123456789.")), max_size=300
)


@FUZZ
@given(place=st.sampled_from(PLACES), text=YAMLISH)
def test_yaml_punctuation_soup_never_crashes_check(place: str, text: str) -> None:
    check_with(place, text.encode("utf-8"))


# Mutations of valid story records.
VALUES = [
    "",
    "~",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "true",
    "no",
    "0o12",
    "1_000",
    "-1",
    "1e400",
    "2016-02-30",
    "9999-12-31",
    "'2016-04-08'",
    "helene-dupre",
    "unknown-person",
    "&a x",
    "*a",
    "!!str x",
    "|",
    ">-",
    '"\\x00"',
    "ȷ̸̡",
    "\t",
    "x: y: z",
]


def mutate(data: bytes, op: str, where: int, value: str) -> bytes:
    lines = data.split(b"\n")
    i = where % max(len(lines), 1)
    line = lines[i]
    if op == "delete-line":
        del lines[i]
    elif op == "duplicate-line":
        lines.insert(i, line)
    elif op == "swap-value" and b":" in line:
        key = line.split(b":", 1)[0]
        lines[i] = key + b": " + value.encode("utf-8")
    elif op == "swap-value":
        lines[i] = b"  - " + value.encode("utf-8")
    elif op == "insert-tab":
        cut = where % (len(line) + 1)
        lines[i] = line[:cut] + b"\t" + line[cut:]
    elif op == "indent":
        lines[i] = b" " * (where % 5 + 1) + line
    elif op == "dedent":
        lines[i] = line.lstrip()
    elif op == "truncate":
        return data[: where % (len(data) + 1)]
    elif op == "flip-byte":
        pos = where % max(len(data), 1)
        return (
            data[:pos] + bytes([data[pos] ^ (1 << (where % 8))]) + data[pos + 1 :] if data else data
        )
    return b"\n".join(lines)


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "delete-line",
                "duplicate-line",
                "swap-value",
                "insert-tab",
                "indent",
                "dedent",
                "truncate",
                "flip-byte",
            ]
        ),
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(VALUES),
    ),
    min_size=1,
    max_size=4,
)


@settings(FUZZ, max_examples=600)
@given(path=st.sampled_from(RECORD_PATHS), ops=MUTATIONS)
def test_mutated_story_records_never_crash_check(
    path: str, ops: list[tuple[str, int, str]]
) -> None:
    data = STORY_FILES[path]
    for op, where, value in ops:
        data = mutate(data, op, where, value)
    check_with(path, data)


@settings(FUZZ, max_examples=600)
@given(path=st.sampled_from(RECORD_PATHS), target=st.sampled_from(RECORD_PATHS), ops=MUTATIONS)
def test_mutated_record_moved_elsewhere_never_crashes_check(
    path: str, target: str, ops: list[tuple[str, int, str]]
) -> None:
    """A record of one kind pasted over another kind's file, then mutated."""
    data = STORY_FILES[path]
    for op, where, value in ops:
        data = mutate(data, op, where, value)
    check_with(target, data)


# A few through the CLI runner, which re-raises any exception a command lets escape.
@pytest.mark.slow
@settings(FUZZ, max_examples=25)
@given(path=st.sampled_from(RECORD_PATHS), ops=MUTATIONS)
def test_mutations_through_the_cli_never_crash(path: str, ops: list[tuple[str, int, str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="reseau-fuzz-") as folder:
        cli_over_mutated_story(Path(folder), path, ops)


def cli_over_mutated_story(root: Path, path: str, ops: list[tuple[str, int, str]]) -> None:
    for rel, content in STORY_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content)
    data = STORY_FILES[path]
    for op, where, value in ops:
        data = mutate(data, op, where, value)
    (root / path).write_bytes(data)
    for args in (
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["agenda"],
        ["report"],
        ["graph"],
        ["show", "helene-dupre"],
        ["export", "json"],
        ["export", "ics"],
        ["export", "vcard"],
    ):
        result = run_cli("--no-cache", "--ledger", str(root), "--as-of", STORY_AS_OF, *args)
        assert result.code in (0, 1, 2), (args, result.err)
        assert "Traceback" not in result.err


# Cache against --no-cache: the same ledger on disk, changed between runs, gives the same
# output whether the store answers (stat trusted, content known, findings kept) or not.
DISK_OPS = st.lists(
    st.tuples(
        st.sampled_from(["mutate", "delete", "copy", "touch"]),
        st.sampled_from(RECORD_PATHS),
        MUTATIONS,
        st.booleans(),  # back-date the files, so that the store trusts their stat
    ),
    min_size=1,
    max_size=5,
)


def disk_step(root: Path, op: str, path: str, ops: list[tuple[str, int, str]], old: bool) -> None:
    import os
    import time

    target = root / path
    if op == "mutate" and target.exists():
        data = target.read_bytes()
        for name, where, value in ops:
            data = mutate(data, name, where, value)
        target.write_bytes(data)
    elif op == "delete" and target.exists():
        target.unlink()
    elif op == "copy" and target.exists() and "/" in path:  # another record of that kind
        folder, _, name = path.rpartition("/")
        (root / folder / f"copy-{len(ops)}-{name}").write_bytes(target.read_bytes())
    elif op == "touch" and target.exists():
        target.write_bytes(target.read_bytes())  # same content, new stat
    if old:  # older than the store's racy window: a warm run trusts the stat, not the bytes
        past = time.time() - 60
        for file in root.rglob("*.yaml"):
            os.utime(file, (past, past))


@pytest.mark.slow
@settings(FUZZ, max_examples=15)
@given(steps=DISK_OPS)
def test_cache_and_no_cache_agree_after_changes_on_disk(
    steps: list[tuple[str, str, list[tuple[str, int, str]], bool]],
) -> None:
    with tempfile.TemporaryDirectory(prefix="reseau-diff-") as folder:
        root, cache = Path(folder) / "ledger", Path(folder) / "cache"
        for rel, content in STORY_FILES.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(content)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("RESEAU_CACHE_DIR", str(cache))
            for step in [("touch", RECORD_PATHS[0], [], True), *steps]:
                disk_step(root, *step)
                for args in (["check", "--format", "json"], ["check"], ["agenda"], ["report"]):
                    common = ("--ledger", str(root), "--as-of", STORY_AS_OF, *args)
                    warm = [run_cli(*common) for _ in range(2)]  # fills, then answers
                    cold = run_cli("--no-cache", *common)
                    for got in warm:
                        assert (got.code, got.out) == (cold.code, cold.out), (step, args)
