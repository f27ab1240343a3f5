"""rename and merge on a generated ledger of a few thousand files, and rename killed with
SIGKILL at several moments then run again: the result is the uninterrupted one, byte for
byte, and nothing is lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from reseau.parse import parse_document

AS_OF = "2026-11-27"
pytestmark = pytest.mark.slow


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def reseau(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reseau", "--ledger", str(root), *args, "--as-of", AS_OF],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def problems(root: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(reseau(root, "check", "--format", "json").stdout)[
        "problems"
    ]
    return found


def references(data: bytes) -> set[str]:
    """Every contact id a record names (with, introduced_by, next.with, referral, via)."""
    value = parse_document(data).value
    if not isinstance(value, dict):
        return set()
    found = set(value.get("with") or ()) | set((value.get("next") or {}).get("with") or ())
    found |= {item["referral"] for item in value.get("received") or () if isinstance(item, dict)}
    return found | {value[k] for k in ("introduced_by", "via") if value.get(k)}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A 3,330-file ledger and its most referenced contact."""
    generate = pytest.importorskip("benchmarks.generate").generate
    root = tmp_path_factory.mktemp("generated") / "ledger"
    generate(root, 300, 3000, 30, 7)
    counts: Counter[str] = Counter()
    for path, data in files(root).items():
        if path.startswith("interactions/"):
            for line in data.decode("utf-8").splitlines():
                if line.startswith("with: ["):
                    counts.update(part.strip() for part in line[7:-1].split(","))
    return root, counts.most_common(1)[0][0]


def copy_of(generated: tuple[Path, str], tmp_path: Path) -> Path:
    shutil.copytree(generated[0], tmp_path / "ledger")
    return tmp_path / "ledger"


def test_rename_on_a_generated_ledger(generated: tuple[Path, str], tmp_path: Path) -> None:
    root, old = copy_of(generated, tmp_path), generated[1]
    before, comments = problems(root), sum(d.count(b"#") for d in files(root).values())
    result = reseau(root, "rename", old, "renamed-person")
    assert result.returncode == 0, result.stderr
    after = files(root)
    assert not [p for p, d in after.items() if old in references(d)]
    assert f"contacts/{old}.yaml" not in after and "contacts/renamed-person.yaml" in after
    assert sum(d.count(b"#") for d in after.values()) == comments  # every comment kept
    assert not [p for p in problems(root) if p["rule"] == "L001"]

    # The same problems modulo the id: rule, line and message (a column after the id moves
    # with its length; files named after several people keep their names).
    def modulo(found: list[dict[str, object]]) -> Counter[tuple[str, ...]]:
        return Counter(
            (str(p["rule"]), str(p["line"]), str(p["message"]).replace(old, "renamed-person"))
            for p in found
        )

    assert modulo(problems(root)) == modulo(before)


def test_merge_on_a_generated_ledger(generated: tuple[Path, str], tmp_path: Path) -> None:
    root, keep = copy_of(generated, tmp_path), generated[1]
    duplicate = root / "contacts" / "duplicate-person.yaml"
    original = (root / "contacts" / f"{keep}.yaml").read_text(encoding="utf-8")
    duplicate.write_text(original.replace("emails: [", "emails: [dup@example.org, "), "utf-8")
    talk = root / "interactions" / "2026" / "2026-11-20-call-duplicate-person.yaml"
    talk.parent.mkdir(exist_ok=True)
    talk.write_text("date: 2026-11-20\nwith: [duplicate-person]  # keep me\n", "utf-8")
    result = reseau(root, "merge", "duplicate-person", keep)
    assert result.returncode == 0, result.stderr
    assert not duplicate.exists()
    assert "dup@example.org" in (root / "contacts" / f"{keep}.yaml").read_text(encoding="utf-8")
    moved = [p for p in (root / "interactions" / "2026").glob("2026-11-20-call-*.yaml")]
    assert [p.read_text(encoding="utf-8") for p in moved] == [
        f"date: 2026-11-20\nwith: [{keep}]  # keep me\n"
    ]
    assert not [p for p in problems(root) if p["rule"] == "L001"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")
@pytest.mark.parametrize("delay", [0.5, 2.0, 2.8, 3.3, 3.8, 4.3])  # a run takes ~4.5 s
def test_a_rename_killed_is_finished_by_a_second_run(
    generated: tuple[Path, str], tmp_path: Path, delay: float
) -> None:
    expected_root, old = copy_of(generated, tmp_path / "uninterrupted"), generated[1]
    assert reseau(expected_root, "rename", old, "renamed-person").returncode == 0
    expected = files(expected_root)
    root = copy_of(generated, tmp_path / "killed")
    run = subprocess.Popen(
        [sys.executable, "-m", "reseau", "--ledger", str(root), "rename", old, "renamed-person",
         "--as-of", AS_OF],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(delay)
    if run.poll() is None:
        os.kill(run.pid, signal.SIGKILL)
    run.wait()
    now, first = files(root), files(generated[0])
    changed = sum(now.get(path) != data for path, data in first.items())
    print(f"killed after {delay} s: {changed} of {len(first)} files rewritten or moved")
    again = reseau(root, "rename", old, "renamed-person")
    assert again.returncode == 0, again.stderr
    assert files(root) == expected  # the same bytes in the same places: nothing lost or torn
    assert not [p for p in root.rglob("*") if p.name.startswith(".tmp")]
