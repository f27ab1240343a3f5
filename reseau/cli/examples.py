"""The examples that end every command's --help (tests/core/test_terminal.py: every command
has one or two). Kept in one table, so that a new command only adds a row."""

from __future__ import annotations

import click

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("reseau init network --example", "reseau --ledger network --lang fr agenda"),
    "add": (
        'reseau add "Hélène Dupré" --org Datacorp --introduced-by marc-leroy',
        "reseau add Karim --email karim@example.org --commit",
    ),
    "agenda": ("reseau agenda", "reseau agenda --days 30 --as-of 2016-05-03"),
    "check": ("reseau check --as-of 2016-06-30", "reseau check contacts/ --format json"),
    "done": (
        "reseau done 2016-04-08-meeting-helene-dupre#1",
        "reseau done 2016-04-28-call-helene-dupre --commit",
    ),
    "export": ("reseau export ics -o loops.ics", "reseau export json --redact > ledger.json"),
    "fmt": ("reseau fmt --check", "reseau fmt contacts/"),
    "graph": ("reseau graph > network.mmd", "reseau graph --format dot | dot -Tsvg > network.svg"),
    "hooks": ("reseau hooks install",),
    "hooks install": ("reseau hooks install", "reseau hooks install --force"),
    "import": (
        "reseau import ics calendar.ics --since 2016-01-01 --commit",
        "reseau import mail ~/Mail/INBOX ~/Mail/Sent --since 2016-01-01 --dry-run",
    ),
    "init": ("reseau init network --ci github", "reseau init --upgrade"),
    "log": (
        "reseau log helene-dupre --channel call --summary 'Talked about Datacorp'",
        "reseau log marc-leroy --edit",
    ),
    "ls": ("reseau ls --org datacorp", "reseau ls --never --sort name"),
    "path": ("reseau path Datacorp",),
    "edit": ("reseau edit fontaine", "reseau edit reseau.yaml"),
    "set": (
        'reseau set dupre --org Acme --role "Head of analytics"',
        "reseau set karim --status dormant",
    ),
    "rename": (
        "reseau rename helene-dupre helene-martin --dry-run",
        "reseau rename karim karim-bonnet --commit",
    ),
    "merge": ("reseau merge claire-fontaine-2 claire-fontaine --dry-run",),
    "held": ('reseau held dupre --summary "Met the team" --gave interest',),
    "drop": (
        'reseau drop 2016-04-28-call-helene-dupre --reason "asked at the interview"',
        'reseau drop 2016-04-28-call-helene-dupre#1 --reason "no longer needed"',
    ),
    "opp": (
        'reseau opp add "Data analyst" --org Acme --via karim',
        "reseau opp stage acme-data-analyst interview",
    ),
    "opp add": (
        'reseau opp add "Data analyst" --org Acme --via karim',
        'reseau opp add "Analyst" --org Datacorp --stage applied --date 2016-04-20',
    ),
    "opp stage": (
        "reseau opp stage acme-data-analyst interview --date 2016-04-18",
        'reseau opp stage acme-data-analyst rejected --note "internal candidate"',
    ),
    "report": ("reseau report", "reseau report --week 2016-W18 --output reports/2016-W18.md"),
    "rules": ("reseau rules", "reseau rules R005"),
    "suggest": ("reseau suggest", "reseau suggest --limit 3 --as-of 2016-06-30"),
    "show": ("reseau show karim-bonnet", "reseau show karim-bonnet --as-of 2016-05-03"),
}


def epilog(name: str) -> str | None:
    """The Examples block of a command's --help (`\\b` keeps Click from rewrapping it)."""
    lines = EXAMPLES.get(name)
    if not lines:
        return None
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def add_examples(command: click.Command, name: str = "") -> None:
    """Set the epilog of a command and its subcommands, where it has none of its own."""
    if command.epilog is None:
        command.epilog = epilog(name)
    if isinstance(command, click.Group):
        for sub_name, sub in command.commands.items():
            add_examples(sub, f"{name} {sub_name}".strip())
