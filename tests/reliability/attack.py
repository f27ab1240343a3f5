"""A ledger built to attack its user, run through every command (issue 19).

The ledger is the example story in Git, plus what a colleague sharing it could plant:
a link named like every documented `--output` pointing at the user's start-up files, a
`reports` folder that is a link to the home folder, a record that is a link to
`reseau.yaml`, a FIFO named like a record, a contact named `$(touch …)`, a planted
temporary name beside the Git hook, and a `.git/config` whose fsmonitor and pager would
run a command. Every command then runs in a subprocess (20 s, 1 GiB) from the ledger's
folder, with $HOME pointing at a fake home.

It passes when every file outside the ledger keeps its bytes, nothing was executed (no
mark file anywhere), no output holds a traceback, no run timed out and every exit status
is 0, 1 or 2. `python -m tests.reliability.attack` prints each command's status and first
line; tests/reliability/test_attack.py asserts the verdict.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import GIT_ENV, STORY, STORY_AS_OF
from tests.reliability.harness import Run, child_env, reseau

HOME_FILES = {
    ".bashrc": b"# bash start-up\nexport PATH=$HOME/bin:$PATH\n",
    ".profile": b"# login start-up\n. ~/.bashrc\n",
    "notes.txt": b"private notes\n",
}


@dataclass(frozen=True)
class Outcome:
    args: tuple[str, ...]
    run: Run


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def build(base: Path) -> tuple[Path, Path, Path]:
    """(ledger, home, mark): the attacking ledger, the fake home, the file no command may create."""
    home, ledger, mark = base / "home", base / "ledger", base / "PWNED"
    home.mkdir()
    for name, data in HOME_FILES.items():
        (home / name).write_bytes(data)
    shutil.copytree(STORY, ledger)
    (ledger / "contacts" / "pwned.yaml").write_text(
        f'name: "$(touch {mark})"\nrelation: cold\nnotes: "`touch {mark}`"\n', encoding="utf-8"
    )
    _git(ledger, "init", "-q")
    _git(ledger, "add", "-A")
    _git(ledger, "commit", "-qm", "a shared ledger")
    _git(ledger, "config", "core.fsmonitor", f"touch {mark}; true")
    _git(ledger, "config", "core.pager", f"touch {mark}; cat")
    for name, target in (
        ("contacts.vcf", "../home/.bashrc"),
        ("loops.ics", "../home/.profile"),
        ("ledger.json", "../home/notes.txt"),
    ):
        os.symlink(target, ledger / name)
    shutil.rmtree(ledger / "reports", ignore_errors=True)
    os.symlink("../home", ledger / "reports")
    os.symlink("../reseau.yaml", ledger / "contacts" / "settings-link.yaml")
    os.mkfifo(ledger / "contacts" / "pipe.yaml")
    hooks = ledger / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    os.symlink(home / ".bashrc", hooks / ".pre-commit.reseau-tmp")
    (base / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f'"$(touch {mark})",Doe,,doe@example.org,"`touch {mark}`",Boss,1 Feb 2016\n',
        encoding="utf-8",
    )
    return ledger, home, mark


def commands(base: Path) -> list[tuple[str, ...]]:
    csv = str(base / "Connections.csv")
    return [
        ("check",),
        ("check", "--staged"),
        ("check", "--format", "json"),
        ("check", "--format", "github"),
        ("report",),
        ("report", "--output", "reports/2016-W18.md"),
        ("agenda",),
        ("show", "helene-dupre"),
        ("show", "pwned"),
        ("graph",),
        ("ls",),
        ("path", "Datacorp"),
        ("suggest",),
        ("rules", "R005"),
        ("export", "vcard", "--output", "contacts.vcf"),
        ("export", "ics", "--output", "loops.ics"),
        ("export", "json", "--output", "ledger.json"),
        ("export", "vcard"),
        ("fmt", "--check"),
        ("fmt",),
        ("done", "2016-04-28-call-helene-dupre"),
        ("log", "helene-dupre", "--channel", "call", "--summary", "$(touch x)"),
        ("add", "--new", "$(touch x)"),
        ("set", "helene-dupre", "--tag", "ai"),
        ("opp", "stage", "acme-data-analyst", "interview"),
        ("rename", "karim-bonnet", "karim-b", "--dry-run"),
        ("import", "linkedin", csv),
        ("import", "linkedin", csv, "--update"),
        ("edit", "helene-dupre"),
        ("hooks", "install"),
        ("hooks", "install", "--force"),
        ("init", "--upgrade"),
        ("add", "Ada Lovelace", "--commit"),
    ]


def tree(folder: Path) -> dict[str, str]:
    """Every entry under folder: a file's digest, a link's target, a folder's mark."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = "folder"
    return found


def attack(base: Path) -> tuple[list[Outcome], list[str]]:
    """Run every command against the attacking ledger; the outcomes and what went wrong."""
    ledger, home, mark = build(base)
    before = tree(home)
    env = {
        **child_env(base / "cache"),
        "HOME": str(home),
        "RESEAU_AS_OF": STORY_AS_OF,
        "EDITOR": f"touch {mark}; true",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    outcomes = [Outcome(args, reseau(*args, cwd=ledger, env=env)) for args in commands(base)]
    wrong = []
    for outcome in outcomes:
        shown = " ".join(outcome.args)
        run = outcome.run
        if run.timed_out:
            wrong.append(f"{shown}: timed out")
        if run.code not in (0, 1, 2):
            wrong.append(f"{shown}: exit {run.code}")
        if "Traceback" in run.out or "Traceback" in run.err:
            wrong.append(f"{shown}: printed a traceback")
    if tree(home) != before:
        wrong.append(
            f"the home folder changed: {sorted(set(tree(home).items()) ^ set(before.items()))}"
        )
    marks = [p for p in base.rglob("*PWNED*")] + [p for p in Path(ledger).rglob("x")]
    if marks or mark.exists():
        wrong.append(f"something was executed: {marks}")
    return outcomes, wrong


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        outcomes, wrong = attack(Path(folder).resolve())
        for outcome in outcomes:
            first = (outcome.run.err or outcome.run.out).strip().splitlines()
            line = first[0][:110] if first else ""
            print(f"{outcome.run.code:>3}  reseau {' '.join(outcome.args)[:60]:<60}  {line}")
        print(
            "\n".join(wrong) if wrong else "verdict: home untouched, nothing executed, no traceback"
        )
        return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
