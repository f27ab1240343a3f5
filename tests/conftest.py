"""Shared fixtures: ledgers in temporary folders, the CLI through Click's runner, pinned Git."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "examples" / "story"
STORY_AS_OF = "2016-05-03"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Camille Martin",
    "GIT_AUTHOR_EMAIL": "camille@example.org",
    "GIT_COMMITTER_NAME": "Camille Martin",
    "GIT_COMMITTER_EMAIL": "camille@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Pinned Git identity, a private cache folder, no colour, no user editor, the C locale
    (English: reseau speaks the locale's language)."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("RESEAU_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("RESEAU_AS_OF", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def make_ledger(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """A ledger from {relative path: content}; reseau.yaml is added when missing."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "ledger"
        root.mkdir(exist_ok=True)
        if "reseau.yaml" not in files:
            files = {"reseau.yaml": "owner: Camille Martin\n", **files}
        write_files(root, files)
        return root

    return make


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A private copy of examples/story."""
    target = tmp_path / "story"
    shutil.copytree(STORY, target)
    return target


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, input: str | None = None) -> Result:
    from reseau.cli import cli

    result = CliRunner().invoke(cli, list(args), input=input, prog_name="reseau")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli
