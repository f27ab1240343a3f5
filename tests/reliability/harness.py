"""Running reseau the way a user does, in a subprocess with a time and memory bound."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import GIT_ENV, STORY, STORY_AS_OF

TIMEOUT = 20.0
MEMORY = 1 << 30  # 1 GiB of address space

# The one problem planted beside every hostile file: it must still be reported.
KNOWN_PATH = "contacts/known-other.yaml"
KNOWN_TEXT = "name: Known Other\nrelation: stranger\n"
KNOWN = (KNOWN_PATH, 2, 11, "S001")


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    timed_out: bool = False

    def json(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.out)
        return document


def child_env(cache: Path) -> dict[str, str]:
    return {
        **os.environ,
        **GIT_ENV,
        "RESEAU_CACHE_DIR": str(cache),
        "NO_COLOR": "1",
        "PYTHONIOENCODING": "utf-8",
    }


def reseau(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
    input: bytes | None = None,
) -> Run:
    """`python -m reseau ARGS` with a timeout and a 1 GiB address-space limit."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reseau", *args],
            check=False,
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_bounded,
            input=input,
        )
    except subprocess.TimeoutExpired as exc:
        return Run(-1, _text(exc.stdout), _text(exc.stderr), timed_out=True)
    return Run(done.returncode, _text(done.stdout), _text(done.stderr))


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data


def story_with_known_problem(target: Path) -> Path:
    """A copy of examples/story plus one file with a known S001."""
    shutil.copytree(STORY, target)
    (target / KNOWN_PATH).write_text(KNOWN_TEXT, encoding="utf-8")
    return target


def check_json(root: Path, cache: Path, timeout: float = TIMEOUT) -> Run:
    return reseau(
        "--ledger",
        str(root),
        "check",
        "--as-of",
        STORY_AS_OF,
        "--format",
        "json",
        env=child_env(cache),
        timeout=timeout,
    )


def problems_of(run: Run) -> list[tuple[str, int, int, str]]:
    return [(p["path"], p["line"], p["column"], p["rule"]) for p in run.json()["problems"]]
