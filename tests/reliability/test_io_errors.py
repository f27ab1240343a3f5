"""Issue 19, finding 5: a full disk, a read-only ledger, FIFOs and huge files.

Every write path (`done`, `fmt`, the import's update) meets ENOSPC on a 64 KiB tmpfs,
EROFS once it is remounted read-only, and EFBIG under RLIMIT_FSIZE (the fallback that
needs no root): one line, exit 2, the files as they were, no temporary left. `fmt` and
`fmt --check` read through check's bounded, non-blocking reader: a FIFO named like a
record and a 3 GB sparse file are refused at once, within a 20 s bound and 1 GiB of memory.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.harness import Run, child_env, reseau

SETTINGS = "owner: Camille Martin\n"
MESSY = "relation: cold   # how we met\nname:   Paul Roux\n"
KARIM = "name: Karim Bonnet\nrelation: introduced\n"
CALL = (
    "date: 2016-04-11\nwith: [karim-bonnet]\nchannel: call\n"
    "promised:\n  - what: Send my CV\n    due: 2016-04-20\n"
)
CSV = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Karim,Bonnet,,karim@acme.example,Acme,Analytics lead,1 Feb 2016\n"
)
AS_OF = "2016-05-03"


def small_ledger(root: Path) -> None:
    for rel, text in {
        "reseau.yaml": SETTINGS,
        "contacts/paul-roux.yaml": MESSY,
        "contacts/karim-bonnet.yaml": KARIM,
        "interactions/2016/2016-04-11-call-karim-bonnet.yaml": CALL,
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def files_of(root: Path) -> dict[str, bytes]:
    out = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file():
                out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


# (arguments, how the message starts: the file written): each must fail cleanly.
WRITERS = [
    (
        ["done", "2016-04-11-call-karim-bonnet"],
        "reseau: interactions/2016/2016-04-11-call-karim-bonnet.yaml",
    ),
    (["fmt", "contacts/paul-roux.yaml"], "contacts/paul-roux.yaml"),  # one line per file
    (["import", "linkedin", "CSV"], "reseau: contacts/karim-bonnet.yaml"),
]


def run_writer(root: Path, cache: Path, args: list[str], csv: Path) -> Run:
    args = [str(csv) if a == "CSV" else a for a in args]
    return reseau(
        "--ledger", str(root), "--as-of", AS_OF, *args, env=child_env(cache), cwd=root
    )  # fmt: skip


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()}): run as root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Take every free byte of the file system holding folder."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 1024):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
@pytest.mark.parametrize(("args", "written"), WRITERS)
def test_a_full_disk_gives_one_line_and_exit_2(
    tmp_path: Path, args: list[str], written: str
) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(CSV, encoding="utf-8")
    with tmpfs(tmp_path / "disk", "64k") as disk:
        root = disk / "ledger"
        small_ledger(root)
        fill(disk)
        before = files_of(root)
        run = run_writer(root, tmp_path / "cache", args, csv)
        assert run.code == 2, (run.out, run.err)
        assert run.err == f"{written}: cannot write: No space left on device; nothing written\n"
        assert files_of(root) == before  # no temporary left, nothing torn


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
@pytest.mark.parametrize(("args", "written"), WRITERS)
def test_a_read_only_ledger_gives_one_line_and_exit_2(
    tmp_path: Path, args: list[str], written: str
) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(CSV, encoding="utf-8")
    with tmpfs(tmp_path / "disk", "1m") as disk:
        root = disk / "ledger"
        small_ledger(root)
        before = files_of(root)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        run = run_writer(root, tmp_path / "cache", args, csv)
        assert run.code == 2, (run.out, run.err)
        assert run.err == f"{written}: cannot write: Read-only file system; nothing written\n"
        assert files_of(root) == before


def _small_files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))  # Python ignores SIGXFSZ: EFBIG


@pytest.mark.parametrize(("args", "written"), WRITERS)
def test_a_file_size_limit_gives_one_line_and_exit_2(
    tmp_path: Path, args: list[str], written: str
) -> None:
    """The fallback without root: RLIMIT_FSIZE makes every write fail with EFBIG."""
    root = tmp_path / "ledger"
    small_ledger(root)
    csv = tmp_path / "Connections.csv"
    csv.write_text(CSV, encoding="utf-8")
    before = files_of(root)
    args = [str(csv) if a == "CSV" else a for a in args]
    done = subprocess.run(
        [sys.executable, "-m", "reseau", "--ledger", str(root), "--as-of", AS_OF, *args],
        env={**child_env(tmp_path / "cache"), "RESEAU_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        cwd=root,
        timeout=60,
        preexec_fn=_small_files,
        check=False,
    )
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err == f"{written}: cannot write: File too large; nothing written\n"
    assert files_of(root) == before


@pytest.mark.parametrize("check", [True, False])
def test_fmt_refuses_a_fifo_at_once(tmp_path: Path, check: bool) -> None:
    root = tmp_path / "ledger"
    small_ledger(root)
    os.mkfifo(root / "contacts" / "pipe.yaml")
    run = reseau(
        "--ledger", str(root), "fmt", *(["--check"] if check else []), "contacts/pipe.yaml",
        env=child_env(tmp_path / "cache"), cwd=root,
    )  # fmt: skip
    assert not run.timed_out, "fmt blocked on a FIFO"
    assert (run.code, run.err) == (1, "contacts/pipe.yaml: cannot read: not a regular file\n")


@pytest.mark.parametrize("check", [True, False])
def test_fmt_does_not_read_a_huge_sparse_file_whole(tmp_path: Path, check: bool) -> None:
    root = tmp_path / "ledger"
    small_ledger(root)
    with open(root / "contacts" / "huge.yaml", "wb") as handle:
        handle.truncate(3 << 30)  # 3 GB of holes: costs no disk, but 3 GB to read
    run = reseau(
        "--ledger", str(root), "fmt", *(["--check"] if check else []), "contacts/huge.yaml",
        env=child_env(tmp_path / "cache"), cwd=root,
    )  # fmt: skip
    assert not run.timed_out
    assert run.code == 1, run.err
    assert run.err.startswith("contacts/huge.yaml:1:1: Y001 file is over reseau's limit")
    assert "Traceback" not in run.err
