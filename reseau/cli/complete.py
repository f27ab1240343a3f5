"""Click's shell completion for reseau's parameters (bash, zsh, fish): ids and names come
from reseau.commands.complete."""

from __future__ import annotations

from collections.abc import Callable

import click
from click.shell_completion import CompletionItem

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def completer(kind: str) -> Completer:
    """A shell_complete function for parameters naming a `kind` (contact, opportunity,
    interaction, rule, organization)."""

    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from reseau.cli import env
        from reseau.commands.complete import candidates

        root = ctx.find_root()
        found = candidates(env(root), kind, incomplete)
        return [CompletionItem(value, help=text or None) for value, text in found]

    return complete


CONTACT = completer("contact")
OPPORTUNITY = completer("opportunity")
INTERACTION = completer("interaction")
RULE = completer("rule")
ORGANIZATION = completer("organization")
