"""Issue 19, finding 5: a crash is one line and exit 70, never a traceback and never 1.

Exit 1 means "problems found"; a pre-commit hook must be able to tell a crash from it.
The command function is replaced by one that raises, in a real `python -m reseau`-like
process (through `reseau.cli.main`, as the installed program runs), and in-process
through Click's runner (through `reseau.cli.run`, which every command uses).
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import STORY_AS_OF, run_cli
from tests.reliability.harness import child_env

BROKEN = """
import sys
import reseau.commands.check as check

def broken(*args, **kwargs):
    raise {error}

check.run = broken
from reseau.cli import main
sys.argv = ["reseau", *sys.argv[1:]]
main()
"""
LINE = re.compile(
    r"reseau: (?P<what>.*); details in (?P<where>\S+?)(?P<rest>; please report it)?\n"
)


def crashed(story: Path, cache: Path, error: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", BROKEN.format(error=error), "--ledger", str(story), "check"],
        env={**child_env(cache), "RESEAU_AS_OF": STORY_AS_OF},
        capture_output=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def test_an_unexpected_exception_is_one_line_exit_70_and_a_private_details_file(
    story: Path, tmp_path: Path
) -> None:
    code, out, err = crashed(story, tmp_path / "cache", 'RuntimeError("boom")')
    assert (code, out) == (70, "")
    match = LINE.fullmatch(err)
    assert match is not None, err
    assert match["what"] == "internal error (RuntimeError: boom)" and match["rest"]
    details = Path(match["where"])
    assert details.parent == tmp_path / "cache"
    assert stat.S_IMODE(os.stat(details).st_mode) == 0o600
    text = details.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: boom" in text
    assert "Traceback" not in err


def test_memory_error_is_reported_as_such(story: Path, tmp_path: Path) -> None:
    code, out, err = crashed(story, tmp_path / "cache", "MemoryError()")
    assert code == 70
    match = LINE.fullmatch(err)
    assert match is not None and match["what"] == "out of memory (MemoryError)", err


def test_without_a_writable_store_folder_the_details_go_to_tmpdir(
    story: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", BROKEN.format(error='RuntimeError("boom")'), "check"],
        env={**child_env(blocked / "cache"), "TMPDIR": str(tmpdir), "RESEAU_AS_OF": STORY_AS_OF},
        cwd=story,
        capture_output=True,
        timeout=60,
        check=False,
    )
    match = LINE.fullmatch(done.stderr.decode())
    assert done.returncode == 70 and match is not None, done.stderr
    assert Path(match["where"]).parent == tmpdir


def test_an_os_error_no_command_caught_is_exit_2(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reseau.commands.check as check

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", "/some/file")

    monkeypatch.setattr(check, "run", denied)
    result = run_cli("--ledger", str(story), "--as-of", STORY_AS_OF, "check")
    assert result.code == 2
    assert result.err.startswith("reseau: /some/file: Permission denied; details in ")
    assert result.err.count("\n") == 1


def test_in_process_a_crash_is_exit_70_too(story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reseau.commands.check as check

    def broken(*args: object, **kwargs: object) -> int:
        raise KeyError("x")

    monkeypatch.setattr(check, "run", broken)
    result = run_cli("--ledger", str(story), "--as-of", STORY_AS_OF, "check")
    assert result.code == 70
    assert result.err.startswith("reseau: internal error (KeyError: 'x'); details in ")
