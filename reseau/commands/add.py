"""`reseau add NAME`: a new contact file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, TextIO

from reseau.commands.common import Env, open_ledger
from reseau.commands.writing import commit, create_record
from reseau.errors import FatalError
from reseau.formats import escape
from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.refs import resolve_contact
from reseau.slug import normalise_email, normalise_link, normalise_name, slugify, unique_slug


@dataclass(frozen=True)
class AddOptions:
    name: str
    organization: str | None = None
    role: str | None = None
    introduced_by: str | None = None
    relation: str | None = None
    emails: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cadence: int | None = None
    new: bool = False
    commit: bool = False


def contact_values(options: AddOptions) -> dict[str, Any]:
    """The contact's fields, empty ones left out."""
    values: dict[str, Any] = {
        "name": " ".join(options.name.split()),
        "organization": options.organization,
        "role": options.role,
        "introduced_by": options.introduced_by,
        "relation": options.relation,
        "emails": list(dict.fromkeys(options.emails)),
        "links": list(dict.fromkeys(options.links)),
        "tags": list(dict.fromkeys(options.tags)),
        "cadence": options.cadence,
    }
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def duplicates(ledger: Ledger, values: Mapping[str, Any]) -> list[str]:
    """Why an existing contact looks like this one: same e-mail, link or normalised name."""
    found: list[str] = []
    emails = {normalise_email(e) for e in values.get("emails", ())}
    links = {normalise_link(u) for u in values.get("links", ())}
    name = normalise_name(values["name"])
    for contact in sorted(ledger.contacts.values(), key=lambda c: c.id):
        names = {normalise_name(n) for n in (contact.name, *contact.aliases)}
        same = (
            [f"e-mail {e}" for e in contact.emails if normalise_email(e) in emails]
            + [f"link {u}" for u in contact.links if normalise_link(u) in links]
            + (["name"] if name in names else [])
        )
        if same:
            found.append(f"{contact.path} has the same {', '.join(same)}")
    return found


def same_name(ledger: Ledger, name: str) -> list[str]:
    """Ids of the contacts whose name or an alias is this name (case and accents ignored)."""
    wanted = normalise_name(name)
    return sorted(
        c.id
        for c in ledger.contacts.values()
        if wanted in {normalise_name(n) for n in (c.name, *c.aliases)}
    )


def _set_command(cid: str, options: AddOptions) -> str:
    """The `reseau set` command that gives an existing contact these options' values."""
    import shlex

    words = ["reseau", "set", cid]
    for flag, value in (
        ("--org", options.organization),
        ("--role", options.role),
        ("--introduced-by", options.introduced_by),
        ("--relation", options.relation),
        ("--cadence", None if options.cadence is None else str(options.cadence)),
    ):
        if value:
            words += [flag, value]
    for flag, values in (("--email", options.emails), ("--link", options.links)):
        for value in values:
            words += [flag, value]
    for tag in options.tags:
        words += ["--tag", tag]
    return shlex.join(words)


def run(env: Env, options: AddOptions, out: TextIO, err: TextIO) -> int:
    if not options.name.strip():
        raise FatalError(msg('a contact needs a name: reseau add "Hélène Dupré"'))
    ledger = open_ledger(env).ledger
    if options.introduced_by:
        introducer = resolve_contact(ledger, options.introduced_by, "--introduced-by")
        options = replace(options, introduced_by=introducer)
    values = contact_values(options)
    existing = same_name(ledger, values["name"])
    if existing and not options.new:
        files = ", ".join(ledger.contacts[cid].path for cid in existing)
        raise FatalError(
            msg(
                "{values} is already in the ledger: {files}\n  to change that contact: {set_command}\n  to add another person of the same name: the same command with --new",
                values=values["name"],
                files=files,
                set_command=str(_set_command(existing[0], options)),
            )
        )
    stem = unique_slug(slugify(values["name"]), ledger.contact_ids)
    rel = create_record(ledger.root, "contacts", stem, "contact", values)
    tr = env.translator(ledger.settings.lang)
    for line in duplicates(ledger, values):
        warning = tr(
            "warning: {name} may already be in the ledger: {line}", name=values["name"], line=line
        )
        err.write(escape(f"reseau: {warning}") + "\n")
    out.write(f"{rel}\n")
    if options.commit:
        commit(env, [rel], f"add: {values['name']}", err)
    return 0
