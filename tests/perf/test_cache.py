"""The parse cache: where it lives, what invalidates it, and that it never changes a result."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import reseau
import reseau.cache
import reseau.load
from reseau import schema
from reseau.cache import DocCache, cache_dir, cache_file, frame, open_cache, stamp, unframe
from reseau.discover import WorkTree
from reseau.engine import check_ledger
from reseau.load import load_ledger
from reseau.parse import ParsedDoc
from reseau.problems import Problem
from reseau.results import results_dir
from tests.conftest import ROOT, STORY_AS_OF, Result, write_files

BROKEN = ROOT / "tests" / "fixtures" / "broken"
OLD_NS = 1_500_000_000 * 10**9  # 2017: well before any cache write
Counter = list[str]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every file kind actually parsed (not served by the cache), in order."""
    seen: Counter = []
    real = reseau.load.read_record

    def counting(kind: str, data: bytes) -> ParsedDoc:
        seen.append(kind)
        return real(kind, data)

    monkeypatch.setattr(reseau.load, "read_record", counting)
    return seen


def problems(root: Path, as_of: dt.date, cached: bool = True) -> list[Problem]:
    cache = open_cache(root) if cached else None
    loaded = load_ledger(root, WorkTree(root), cache)
    return check_ledger(loaded.ledger, loaded.problems, as_of)


def age(root: Path) -> None:
    """Date every file in the past, so that the cache trusts their stat (no racy mtime)."""
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), ns=(OLD_NS, OLD_NS))


def age_file(path: Path) -> None:
    """Date one file in the past: only its stat changes (age() changes every file's ctime)."""
    os.utime(path, ns=(OLD_NS, OLD_NS))


def cached(root: Path) -> tuple[dict[str, tuple[object, bytes]], dict[bytes, object]]:
    """The files and documents the cache holds for root: main file plus journal."""
    cache = DocCache(cache_file(root))
    return cache.files, cache.docs  # type: ignore[return-value]


def payload(root: Path) -> tuple[object, ...]:
    """The main cache file's content, without the journal."""
    loaded = marshal.loads(unframe(cache_file(root).read_bytes()))
    assert isinstance(loaded, tuple)
    return loaded


def ledger_files(root: Path) -> int:
    return len([f for f in WorkTree(root).list() if f.kind not in ("unknown", "outside")])


def same_everywhere(root: Path, as_of: dt.date, parses: Counter) -> list[Problem]:
    """Uncached, cache filled, cache by content, cache by stat: one result."""
    expected = problems(root, as_of, cached=False)
    files = ledger_files(root)
    parses.clear()
    assert problems(root, as_of) == expected  # fills the cache
    assert len(parses) == files
    assert problems(root, as_of) == expected  # by content (the files are new: racy)
    age(root)
    assert problems(root, as_of) == expected  # by stat
    assert problems(root, as_of) == expected  # by stat, cache untouched
    assert len(parses) == files  # nothing parsed again
    return expected


# -- identical results ---------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [STORY_AS_OF, "2016-06-20"])
def test_story_same_with_and_without_cache(story: Path, parses: Counter, as_of: str) -> None:
    found = same_everywhere(story, dt.date.fromisoformat(as_of), parses)
    if as_of == STORY_AS_OF:
        assert [p for p in found if p.level != "info"] == []
    else:
        assert found  # loops have come due: something to compare


def broken_cases() -> list[Path]:
    return sorted(BROKEN.glob("*.yaml")) if BROKEN.is_dir() else []


@pytest.mark.parametrize("case", broken_cases(), ids=lambda p: p.stem)
def test_broken_fixture_same_with_and_without_cache(
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
    as_of = (
        spec["as_of"]
        if isinstance(spec["as_of"], dt.date)
        else dt.date.fromisoformat(spec["as_of"])
    )
    found = same_everywhere(story, as_of, parses)
    rules = {e["rule"] for e in spec.get("expect") or []}
    assert rules <= {p.rule for p in found}


def test_generated_ledger_same_with_and_without_cache(tmp_path: Path, parses: Counter) -> None:
    generate = pytest.importorskip("benchmarks.generate").generate
    root = tmp_path / "generated"
    generate(root, 40, 200, 5, 3)
    same_everywhere(root, dt.date(2026, 11, 27), parses)
    parses.clear()
    earlier = dt.date(2021, 3, 1)
    assert problems(root, earlier) == problems(root, earlier, cached=False)
    assert len(parses) == ledger_files(root)  # only the uncached run parsed


# -- invalidation ----------------------------------------------------------------------------------


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
    assert [
        (p.rule, p.line) for p in found if p.path.endswith("karim-bonnet.yaml") and p.rule == "S001"
    ]
    assert found == problems(story, as_of, cached=False)


def test_a_new_schema_digest_invalidates_everything(
    story: Path, parses: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    expected = problems(story, as_of)
    parses.clear()
    monkeypatch.setattr(schema, "schemas_digest", lambda: "another schema")
    assert problems(story, as_of) == expected
    assert len(parses) == ledger_files(story)


def test_a_new_reseau_version_invalidates_everything(
    story: Path, parses: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    expected = problems(story, as_of)
    parses.clear()
    monkeypatch.setattr(reseau, "__version__", "999.0.0")
    assert problems(story, as_of) == expected
    assert len(parses) == ledger_files(story)
    parses.clear()
    assert problems(story, as_of) == expected  # rewritten for the new version
    assert parses == []


def test_a_file_changed_just_before_the_write_is_checked_by_content(
    story: Path, parses: Counter
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    problems(story, as_of)
    target = story / "contacts" / "karim-bonnet.yaml"
    now = os.stat(target).st_mtime_ns
    target.write_text(target.read_text(encoding="utf-8"), encoding="utf-8")  # same bytes, new mtime
    del now
    parses.clear()
    problems(story, as_of)
    assert parses == []  # new stat, same content: found by its hash
    entries = cached(story)[0]
    assert "contacts/karim-bonnet.yaml" not in entries  # racy: not trusted by stat yet


# -- corrupt cache files ---------------------------------------------------------------------------


def garbage_cases(good: bytes) -> dict[str, bytes]:
    files, docs = marshal.loads(unframe(good))[2:]
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    return {
        "garbage": b"\x00\xffnot a cache at all" * 10,
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "one bit flipped": bytes(flipped),
        "unframed": unframe(good),
        "another type": frame(marshal.dumps([1, 2, 3])),
        "a foreign stamp": frame(marshal.dumps((("someone-else",), 0, files, docs))),
        "bad entries": frame(
            marshal.dumps((stamp(), 0, {k: 7 for k in files}, {k: (b"x", b"y") for k in docs}))
        ),
        "bad states": frame(
            marshal.dumps(
                (
                    stamp(),
                    0,
                    files,
                    {k: (e[0], ("not", "a state"), e[2], e[3], e[4]) for k, e in docs.items()},
                )
            )
        ),
        "bad states and values": frame(
            marshal.dumps(
                (
                    stamp(),
                    0,
                    files,
                    {k: (e[0], ("not", "a state"), b"x", b"y", b"z") for k, e in docs.items()},
                )
            )
        ),
        "bad layout": frame(marshal.dumps((stamp(), 0, [], ()))),
    }


@pytest.mark.parametrize(
    "case",
    [
        "garbage",
        "empty",
        "truncated",
        "one bit flipped",
        "unframed",
        "another type",
        "a foreign stamp",
        "bad entries",
        "bad states",
        "bad states and values",
        "bad layout",
    ],
)
def test_a_corrupt_cache_is_rebuilt_silently(
    story: Path, parses: Counter, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    expected = problems(story, as_of, cached=False)
    problems(story, as_of)
    path = cache_file(story)
    path.write_bytes(garbage_cases(path.read_bytes())[case])
    parses.clear()
    assert problems(story, as_of) == expected
    # Records whose cached state is wrong are built from the cached value: nothing to parse.
    assert len(parses) == (0 if case == "bad states" else ledger_files(story))
    parses.clear()
    assert problems(story, as_of) == expected
    assert parses == []  # rebuilt
    assert capsys.readouterr() == ("", "")


def test_cli_with_a_corrupt_cache_prints_nothing_more(
    story: Path, cli: Callable[..., Result]
) -> None:
    first = cli("--ledger", str(story), "check", "--as-of", "2016-06-20")
    cache_file(story).write_bytes(b"\x8b\x08 broken")
    again = cli("--ledger", str(story), "check", "--as-of", "2016-06-20")
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert first.out


# -- where it lives, when it is written ------------------------------------------------------------


def test_the_cache_lives_outside_the_ledger(
    story: Path, cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(elsewhere))
    before = sorted(p.relative_to(story) for p in story.rglob("*"))
    assert cli("--ledger", str(story), "check", "--as-of", STORY_AS_OF).code == 0
    assert sorted(p.relative_to(story) for p in story.rglob("*")) == before
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(
        [cache_file(story).name, results_dir(story).name]
    )
    assert cache_file(story).parent == elsewhere
    assert not cache_file(story).resolve().is_relative_to(story.resolve())


def test_the_user_cache_directory_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RESEAU_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "reseau"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "reseau"


def test_one_cache_file_per_ledger(tmp_path: Path) -> None:
    assert cache_file(tmp_path / "a") != cache_file(tmp_path / "b")
    assert cache_file(tmp_path / "a") == cache_file(tmp_path / "x" / ".." / "a")


def test_no_cache_writes_nothing(story: Path, cli: Callable[..., Result]) -> None:
    assert cli("--ledger", str(story), "check", "--no-cache", "--as-of", STORY_AS_OF).code == 0
    assert not cache_file(story).exists()
    assert cli("--ledger", str(story), "--no-cache", "check", "--as-of", STORY_AS_OF).code == 0
    assert not cache_file(story).exists()


def journal(root: Path) -> Path:
    return cache_file(root).with_name(cache_file(root).name + ".journal")


def test_written_only_when_something_changed(story: Path) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    problems(story, as_of)
    path = cache_file(story)
    os.utime(path, ns=(OLD_NS, OLD_NS))
    problems(story, as_of)
    assert path.stat().st_mtime_ns == OLD_NS
    assert not journal(story).exists()
    (story / "contacts" / "karim-bonnet.yaml").unlink()
    problems(story, as_of)
    assert path.stat().st_mtime_ns == OLD_NS  # a small change goes to the journal
    assert journal(story).stat().st_size > 0


def test_a_small_change_is_appended_to_the_journal(story: Path, parses: Counter) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    expected = problems(story, as_of)
    main = cache_file(story).read_bytes()
    target = story / "interactions" / "2016" / "2016-04-04-call-marc-leroy.yaml"
    original = target.read_bytes()
    target.write_bytes(original.replace(b"summary:", b"x-note: edited\nsummary:", 1))
    age_file(target)
    parses.clear()
    edited = problems(story, as_of)
    assert parses == ["interaction"]
    assert cache_file(story).read_bytes() == main
    size = journal(story).stat().st_size
    assert size > 0
    parses.clear()
    assert problems(story, as_of) == edited  # the journal is replayed: nothing parsed
    assert parses == []
    target.write_bytes(original)
    age_file(target)
    assert problems(story, as_of) == expected
    assert parses == []  # the first version is still cached by content
    assert journal(story).stat().st_size > size


def journal_one_edit(story: Path, as_of: dt.date, contact: str) -> list[Problem]:
    """Fill the cache, rewrite one contact (a journal chunk), return the problems then."""
    age(story)
    problems(story, as_of)
    target = story / "contacts" / "karim-bonnet.yaml"
    target.write_text(contact, encoding="utf-8")
    age_file(target)
    return problems(story, as_of)


def test_a_torn_journal_chunk_is_ignored(story: Path, parses: Counter) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    expected = journal_one_edit(story, as_of, "name: Karim Bonnet\norganization: Elsewhere\n")
    data = journal(story).read_bytes()
    journal(story).write_bytes(data[:-3])  # the write was cut short
    parses.clear()
    assert problems(story, as_of) == expected
    assert parses == ["contact"]  # the lost chunk's file is parsed again
    parses.clear()
    assert problems(story, as_of) == expected
    assert parses == []


def test_a_journal_written_on_another_main_file_is_skipped(story: Path, parses: Counter) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    expected = journal_one_edit(story, as_of, "name: Karim B.\n")
    chunk = journal(story).read_bytes()
    cache_file(story).unlink()
    journal(story).unlink()
    problems(story, as_of)  # a new main file
    journal(story).write_bytes(chunk)  # a chunk of the old one, e.g. from a concurrent run
    parses.clear()
    assert problems(story, as_of) == expected
    assert parses == []


def test_entries_of_deleted_files_are_dropped(story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    problems(story, as_of)
    files, docs = cached(story)
    assert "contacts/karim-bonnet.yaml" in files
    (story / "contacts" / "karim-bonnet.yaml").unlink()
    problems(story, as_of)
    files_after, docs_after = cached(story)
    assert set(files) - set(files_after) == {"contacts/karim-bonnet.yaml"}
    assert len(docs_after) == len(docs)  # documents are dropped when the journal is folded
    monkeypatch.setattr(reseau.cache, "JOURNAL_CHUNKS", 1)
    (story / "contacts" / "marc-leroy.yaml").unlink()
    problems(story, as_of)
    assert not journal(story).exists()
    files_folded, docs_folded = payload(story)[2:]  # type: ignore[misc]
    assert set(files) - set(files_folded) == {
        "contacts/karim-bonnet.yaml",
        "contacts/marc-leroy.yaml",
    }
    assert len(docs_folded) == len(docs) - 2


def test_the_journal_is_folded_after_so_many_chunks(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    monkeypatch.setattr(reseau.cache, "JOURNAL_CHUNKS", 3)
    monkeypatch.setattr(reseau.cache, "JOURNAL_SHARE", 1)  # only the number of chunks counts
    age(story)
    problems(story, as_of)
    target = story / "contacts" / "karim-bonnet.yaml"
    original = target.read_text(encoding="utf-8")
    sizes = []
    for n in range(4):
        target.write_text(original + f"x-edit: {n}\n", encoding="utf-8")
        age_file(target)
        problems(story, as_of)
        sizes.append(journal(story).stat().st_size if journal(story).exists() else 0)
    assert sizes[0] < sizes[1] < sizes[2] and sizes[3] == 0
    assert set(cached(story)[0]) == {
        f.path for f in WorkTree(story).list() if f.kind not in ("unknown", "outside")
    }


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(blocker / "cache"))
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    assert problems(story, as_of) == problems(story, as_of, cached=False)


def test_the_cache_holds_only_plain_values(story: Path) -> None:
    """marshal, never pickle: loading a cache file cannot run code."""
    problems(story, dt.date.fromisoformat(STORY_AS_OF))
    data = cache_file(story).read_bytes()
    assert not data.startswith(b"\x80")  # not a pickle
    head = marshal.loads(unframe(data))[0]
    assert head == stamp()


def test_story_copy_is_not_the_example(story: Path) -> None:
    assert story != ROOT / "examples" / "story"
    shutil.rmtree(story / "opportunities")
    assert (ROOT / "examples" / "story" / "opportunities").is_dir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_record_does_not_hang_the_cached_read(story: Path) -> None:
    os.mkfifo(story / "contacts" / "a-pipe.yaml")
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    found = problems(story, as_of)
    assert [(p.path, p.rule) for p in found if p.path == "contacts/a-pipe.yaml"] == [
        ("contacts/a-pipe.yaml", "Y001")
    ]
    assert found == problems(story, as_of, cached=False)


def test_the_journal_is_folded_once_it_outgrows_its_share(story: Path) -> None:
    as_of = dt.date.fromisoformat(STORY_AS_OF)
    age(story)
    problems(story, as_of)
    target = story / "contacts" / "karim-bonnet.yaml"
    big = "x-notes: |\n" + "".join(f"  line {n} of a long note\n" for n in range(200))
    target.write_text(target.read_text(encoding="utf-8") + big, encoding="utf-8")
    age_file(target)
    problems(story, as_of)  # the chunk would be over an eighth of the main file
    assert not journal(story).exists()
    assert cached(story)[0]["contacts/karim-bonnet.yaml"][0][0] == target.stat().st_size
