"""Crash safety: SIGKILL during `fmt` or `import` leaves every file old or new, never torn.

The new versions come from an uninterrupted run on a copy. Each killed run must leave
every record byte-identical to its old or its new version (a new file: absent or
complete), and no left-over temporary file that `reseau check` would read.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reseau.discover import classify
from tests.reliability.harness import child_env, reseau

FILES = 300
RUNS = 5
SEED = 20160503


def messy_contact(i: int) -> str:
    """A valid contact whose keys are out of canonical order: `fmt` rewrites it."""
    return (
        f"# contact {i}, kept by hand\n"
        f"tags: [t{i % 7}, network]   # keep this comment\n"
        f"notes: |\n  Met at event {i}.\n  Second line of notes.\n"
        f"organization: Org {i % 13}\n"
        f"name: Person {i:03d}\n"
        f"emails:\n- person{i}@example.org\n"
        f"cadence: {30 + i % 60}\n"
    )


def visible(files: dict[str, bytes]) -> dict[str, bytes]:
    """Without dot-files (a killed writer's temporary file may stay; reseau and Git ignore it)."""
    return {
        p: d for p, d in files.items() if not any(part.startswith(".") for part in p.split("/"))
    }


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (dot-files included), by relative path."""
    out = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def messy_ledger(root: Path) -> None:
    (root / "contacts").mkdir(parents=True)
    (root / "reseau.yaml").write_text("owner: Camille Martin\n", encoding="utf-8")
    for i in range(FILES):
        (root / "contacts" / f"person-{i:03d}.yaml").write_text(messy_contact(i), encoding="utf-8")


def killed_run(args: list[str], delay: float, env: dict[str, str]) -> int | None:
    """Start reseau, SIGKILL it after delay seconds; its exit code if it finished first."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reseau", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    code = process.poll()
    if code is None:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return code


def assert_old_or_new(
    old: dict[str, bytes],
    new: dict[str, bytes],
    after: dict[str, bytes],
    empty_new_files: bool = False,
) -> int:
    """Every path holds its old or its new bytes; extras are ignored dot-files. Returns #new.

    empty_new_files tolerates a new file left empty: the known store.create_exclusive bug
    that test_a_kill_between_create_and_write_leaves_no_empty_record pins down.
    """
    changed = 0
    for path in sorted(set(old) | set(new)):
        choices = {old.get(path), new.get(path)}
        if empty_new_files and path not in old:
            choices.add(b"")
        assert after.get(path) in choices, f"{path}: neither the old nor the new version"
        changed += after.get(path) != old.get(path)
    for path in set(after) - set(old) - set(new):
        assert classify(path) is None, f"left-over file that check would read: {path}"
        assert any(part.startswith(".") for part in path.split("/")), f"left-over file: {path}"
    return changed


def delays(total: float, runs: int) -> list[float]:
    rng = random.Random(SEED)
    return sorted(rng.uniform(0.05, total) for _ in range(runs))


@pytest.mark.slow
def test_sigkill_during_fmt_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    env = child_env(tmp_path / "cache")
    original = tmp_path / "original"
    messy_ledger(original)
    old = snapshot(original)
    reference = tmp_path / "reference"
    shutil.copytree(original, reference)
    started = time.monotonic()
    done = reseau("--ledger", str(reference), "fmt", env=env, timeout=120)
    full = time.monotonic() - started
    assert done.code == 0, done.err
    new = snapshot(reference)
    assert sum(new[p] != old[p] for p in old) >= FILES  # every contact needed fmt
    torn: list[Path] = []
    for run, delay in enumerate(delays(full, RUNS)):
        target = tmp_path / f"run-{run}"
        shutil.copytree(original, target)
        code = killed_run(["--ledger", str(target), "fmt"], delay, env)
        changed = assert_old_or_new(old, new, snapshot(target))
        if code is None and 0 < changed < FILES:
            torn.append(target)
    assert torn, "no run was killed in the middle: raise FILES"
    # What a kill leaves is a readable ledger, and fmt finishes the job.
    again = reseau("--ledger", str(torn[0]), "fmt", env=env, timeout=120)
    assert again.code == 0, again.err
    assert visible(snapshot(torn[0])) == new


def linkedin_csv(rows: int) -> str:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice..."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        lines.append(
            f"Given{i},Family{i:03d},https://www.linkedin.com/in/family-{i:03d},"
            f"given{i}@example.org,Company {i % 17},Role {i % 5},01 Mar 2016"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_sigkill_during_import_leaves_no_torn_file(tmp_path: Path) -> None:
    env = child_env(tmp_path / "cache")
    source = tmp_path / "Connections.csv"
    source.write_text(linkedin_csv(FILES), encoding="utf-8")
    original = tmp_path / "original"
    messy_ledger(original)
    shutil.rmtree(original / "contacts")
    (original / "contacts").mkdir()
    old = snapshot(original)
    reference = tmp_path / "reference"
    shutil.copytree(original, reference)
    started = time.monotonic()
    done = reseau(
        "--ledger", str(reference), "import", "linkedin", str(source), env=env, timeout=120
    )
    full = time.monotonic() - started
    assert done.code == 0, done.err
    new = snapshot(reference)
    assert len(set(new) - set(old)) == FILES
    torn: list[Path] = []
    for run, delay in enumerate(delays(full, RUNS)):
        target = tmp_path / f"run-{run}"
        shutil.copytree(original, target)
        code = killed_run(["--ledger", str(target), "import", "linkedin", str(source)], delay, env)
        after = snapshot(target)
        changed = assert_old_or_new(old, new, after, empty_new_files=EMPTY_FILE_BUG)
        if code is None and 0 < changed < FILES and b"" not in after.values():
            torn.append(target)
    assert torn, "no run was killed in the middle: raise FILES"
    # Importing again completes the job with the same files (idempotent, nothing torn).
    again = reseau(
        "--ledger", str(torn[0]), "import", "linkedin", str(source), env=env, timeout=120
    )
    assert again.code == 0, again.err
    assert visible(snapshot(torn[0])) == new


# store.create_exclusive writes a temporary dot-file and links it to its name: a kill at
# any moment leaves no empty record (it was found here, when it opened the final name first).
EMPTY_FILE_BUG = False
KILL_AT_FIRST_RECORD_WRITE = r"""
import os, signal, sys
real_write = os.write
def write(fd, data):
    if "/contacts/" in os.readlink(f"/proc/self/fd/{fd}"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_write(fd, data)
os.write = write
sys.argv = ["reseau", *sys.argv[1:]]
from reseau.cli import main
main()
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_kill_between_create_and_write_leaves_no_empty_record(tmp_path: Path) -> None:
    env = child_env(tmp_path / "cache")
    source = tmp_path / "Connections.csv"
    source.write_text(linkedin_csv(3), encoding="utf-8")
    root = tmp_path / "ledger"
    (root / "contacts").mkdir(parents=True)
    (root / "reseau.yaml").write_text("owner: Camille Martin\n", encoding="utf-8")
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_AT_FIRST_RECORD_WRITE,
            "--ledger",
            str(root),
            "import",
            "linkedin",
            str(source),
        ],
        check=False,
        env=env,
        capture_output=True,
    )
    assert killed.returncode == -signal.SIGKILL
    assert [p for p, data in visible(snapshot(root)).items() if data == b""] == []
