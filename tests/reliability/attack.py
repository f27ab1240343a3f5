"""A ledger built to attack its user, run through every command (issue 19).

The ledger is the example story in Git, plus what a colleague sharing it could plant:
a link named like every documented `--output` pointing at the user's start-up files, a
`reports` folder that is a link to the home folder, a record that is a link to
`reseau.yaml`, a FIFO named like a record, a contact named `$(touch …)`, terminal escape
sequences (OSC 52 to set the clipboard, erase-line, a bidi override) in a name, a summary
and a next step, an introduction chain DEPTH contacts deep, a calendar and a mailbox to
import that carry the same names, a planted temporary name beside the Git hook, and a
`.git/config` whose fsmonitor and pager would run a command. Every command then runs in a subprocess (20 s, 1 GiB) from the ledger's
folder, with $HOME pointing at a fake home.

It passes when every file outside the ledger keeps its bytes, nothing was executed (no
mark file anywhere), no output holds a traceback or a raw escape character, no run timed
out and every exit status is 0, 1 or 2. `python -m tests.reliability.attack` prints each command's status and first
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
from tests.reliability.harness import TIMEOUT, Run, child_env, reseau

HOME_FILES = {
    ".bashrc": b"# bash start-up\nexport PATH=$HOME/bin:$PATH\n",
    ".profile": b"# login start-up\n. ~/.bashrc\n",
    "notes.txt": b"private notes\n",
}
DEPTH = 2_000  # `python -m tests.reliability.attack 40000` for the 40,000-deep chain
OSC52 = "\\e]52;c;dG91Y2ggUFdORUQ=\\a"  # YAML escapes: set the clipboard
ERASE = "\\e[1A\\e[2K"  # move up one line and erase it
BIDI = "\\u202e"  # right-to-left override
RAW = ("\x1b", "\x07", "\u202e")  # what must never reach the terminal raw


@dataclass(frozen=True)
class Outcome:
    args: tuple[str, ...]
    run: Run


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def _chain(ledger: Path, depth: int) -> None:
    """link-0 introduced by Hélène, each next one by the one before; the deepest was met."""
    before = "helene-dupre"
    for i in range(depth):
        (ledger / "contacts" / f"link-{i}.yaml").write_text(
            f"name: Link {i}\nrelation: introduced\nintroduced_by: {before}\n", encoding="utf-8"
        )
        before = f"link-{i}"
    (ledger / "interactions" / "2016" / "2016-05-02-call-deepest.yaml").write_text(
        f"date: 2016-05-02\nwith: [{before}]\nchannel: call\nsummary: the end of the chain\n"
        "next: {action: Thank them, due: 2016-05-04}\n",
        encoding="utf-8",
    )


def _escapes(ledger: Path) -> None:
    (ledger / "contacts" / "escape.yaml").write_text(
        f'name: "Eve{OSC52}{ERASE} Escape{BIDI}"\nrelation: cold\norganization: "Acme{ERASE}"\n'
        "emails: [eve@example.org]\n",
        encoding="utf-8",
    )
    (ledger / "interactions" / "2016" / "2016-05-01-call-escape.yaml").write_text(
        f'date: 2016-05-01\nwith: [escape]\nchannel: call\nsummary: "hi{OSC52}"\n'
        f'next: {{action: "call back{ERASE}", due: 2016-05-02}}\n',
        encoding="utf-8",
    )


def _captures(base: Path, mark: Path) -> None:
    """A calendar and a mailbox whose names and subjects try the same tricks."""
    (base / "invite.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//attack//EN\r\nBEGIN:VEVENT\r\n"
        "UID:attack-1@example.org\r\nDTSTAMP:20160420T080000Z\r\n"
        "DTSTART:20160502T090000Z\r\nDTEND:20160502T100000Z\r\n"
        f"SUMMARY:$(touch {mark}) \x1b]52;c;eA==\x07\r\n"
        f'ATTENDEE;CN="$(touch {mark})":mailto:stranger@example.org\r\n'
        "ATTENDEE;CN=Eve:mailto:eve@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    (base / "mail.mbox").write_bytes(
        b"From eve@example.org Mon May  2 09:00:00 2016\n"
        b"From: Eve <eve@example.org>\nTo: me@example.org\n"
        b"Subject: =?utf-8?q?hello_=1B=5B2K?= $(touch x)\n"
        b"Date: Mon, 2 May 2016 09:00:00 +0000\nMessage-ID: <attack-2@example.org>\n\n"
        b"the body, never read\n"
    )


def build(base: Path, depth: int = DEPTH) -> tuple[Path, Path, Path]:
    """(ledger, home, mark): the attacking ledger, the fake home, the file no command may create."""
    home, ledger, mark = base / "home", base / "ledger", base / "PWNED"
    home.mkdir()
    for name, data in HOME_FILES.items():
        (home / name).write_bytes(data)
    shutil.copytree(STORY, ledger)
    (ledger / "contacts" / "pwned.yaml").write_text(
        f'name: "$(touch {mark})"\nrelation: cold\nnotes: "`touch {mark}`"\n', encoding="utf-8"
    )
    _escapes(ledger)
    _chain(ledger, depth)
    _captures(base, mark)
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


def commands(base: Path, depth: int = DEPTH) -> list[tuple[str, ...]]:
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
        ("show", "escape"),
        ("show", f"link-{depth - 1}"),
        ("graph",),
        ("graph", "--format", "dot"),
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
        ("import", "ics", str(base / "invite.ics"), "--create-contacts"),
        ("import", "mail", str(base / "mail.mbox")),
        ("--lang", "fr", "check"),
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


def _machine_format(args: tuple[str, ...]) -> bool:
    """JSON, vCard and iCalendar keep their own escaping: they are files, not terminal text."""
    return args[-2:] == ("--format", "json") or args[0] == "export"


def attack(base: Path, depth: int = DEPTH) -> tuple[list[Outcome], list[str]]:
    """Run every command against the attacking ledger; the outcomes and what went wrong."""
    ledger, home, mark = build(base, depth)
    before = tree(home)
    env = {
        **child_env(base / "cache"),
        "HOME": str(home),
        "RESEAU_AS_OF": STORY_AS_OF,
        "EDITOR": f"touch {mark}; true",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    timeout = TIMEOUT if depth <= DEPTH else 900.0  # a 40,000-deep chain is read for minutes
    outcomes = [
        Outcome(args, reseau(*args, cwd=ledger, env=env, timeout=timeout))
        for args in commands(base, depth)
    ]
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
        if not _machine_format(outcome.args) and any(raw in run.out + run.err for raw in RAW):
            wrong.append(f"{shown}: a raw escape character reached the terminal")
    if tree(home) != before:
        wrong.append(
            f"the home folder changed: {sorted(set(tree(home).items()) ^ set(before.items()))}"
        )
    marks = [p for p in base.rglob("*PWNED*")] + [p for p in Path(ledger).rglob("x")]
    if marks or mark.exists():
        wrong.append(f"something was executed: {marks}")
    return outcomes, wrong


def main() -> int:
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else DEPTH
    with tempfile.TemporaryDirectory() as folder:
        outcomes, wrong = attack(Path(folder).resolve(), depth)
        for outcome in outcomes:
            first = (outcome.run.err or outcome.run.out).strip().splitlines()
            line = first[0][:110] if first else ""
            print(f"{outcome.run.code:>3}  reseau {' '.join(outcome.args)[:60]:<60}  {line}")
        print(
            "\n".join(wrong)
            if wrong
            else "verdict: home untouched, nothing executed, no traceback, no raw escape"
        )
        return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
