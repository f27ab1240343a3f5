"""`reseau import linkedin|vcard FILE`: idempotent import that fills only empty fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from reseau.commands.common import Env, open_ledger
from reseau.commands.writing import commit, create_record
from reseau.errors import FatalError
from reseau.interchange.people import PersonRecord
from reseau.ledger import Ledger
from reseau.records import Contact
from reseau.slug import normalise_email, normalise_link, normalise_name, slugify, unique_slug
from reseau.store import KEY_ORDER, replace_atomic

PROGRESS_THRESHOLD = 200
Progress = Callable[[list[PersonRecord]], AbstractContextManager[Iterable[PersonRecord]]]


@dataclass
class Target:
    """A contact the import creates (path None) or fills in (path set)."""

    stem: str
    path: str | None
    values: dict[str, Any]
    filled: dict[str, Any] = field(default_factory=dict)


def read_people(kind: str, path: Path, err: TextIO) -> list[PersonRecord]:
    """The file's people; FatalError (exit 2) when it cannot be read at all."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise FatalError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise FatalError(f"{path}: not UTF-8 text") from None
    if kind == "linkedin":
        from reseau.interchange.linkedin import read_linkedin_csv

        people, warnings = read_linkedin_csv(text)
    else:
        from reseau.interchange.vcard import read_vcards

        people, warnings = read_vcards(text)
    if not people:
        detail = "; ".join(warnings) or "no contact in it"
        raise FatalError(f"{path}: nothing to import: {detail}")
    for warning in warnings:
        err.write(f"reseau: {path.name}: {warning}\n")
    return people


def _values(contact: Contact) -> dict[str, Any]:
    return {
        "organization": contact.organization,
        "role": contact.role,
        "introduced_by": contact.introduced_by,
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "links": list(contact.links),
        "notes": contact.notes,
    }


def _fields(person: PersonRecord) -> dict[str, Any]:
    values = {
        "organization": person.organization,
        "role": person.role,
        "introduced_by": person.introduced_by,
        "emails": list(dict.fromkeys(person.emails)),
        "phones": list(dict.fromkeys(person.phones)),
        "links": list(dict.fromkeys(person.links)),
        "notes": person.notes.rstrip("\n") + "\n"
        if person.notes and "\n" in person.notes.strip("\n")
        else person.notes,
    }
    return {k: v for k, v in values.items() if v not in (None, "", [])}


class Matcher:
    """Existing and planned contacts by normalised link, e-mail and name."""

    def __init__(self) -> None:
        self.indexes: tuple[dict[str, Target], dict[str, Target], dict[str, Target]] = ({}, {}, {})

    def add(self, target: Target, name: str, aliases: Iterable[str] = ()) -> None:
        links, emails, names = self.indexes
        for link in target.values.get("links", ()):
            links.setdefault(normalise_link(link), target)
        for email in target.values.get("emails", ()):
            emails.setdefault(normalise_email(email), target)
        for text in (name, *aliases):
            names.setdefault(normalise_name(text), target)

    def find(self, person: PersonRecord) -> Target | None:
        links, emails, names = self.indexes
        for link in person.links:
            if normalise_link(link) in links:
                return links[normalise_link(link)]
        for email in person.emails:
            if normalise_email(email) in emails:
                return emails[normalise_email(email)]
        return names.get(normalise_name(person.name))


def plan(ledger: Ledger, people: Iterable[PersonRecord]) -> list[Target]:
    """Contacts to create or fill, in file order; a second run plans nothing."""
    matcher = Matcher()
    for contact in sorted(ledger.contacts.values(), key=lambda c: c.id):
        matcher.add(
            Target(contact.id, contact.path, _values(contact)), contact.name, contact.aliases
        )
    taken = set(ledger.contact_ids)
    targets: list[Target] = []
    people = list(people)
    planned_ids = set()
    for person in people:
        target = matcher.find(person)
        if target is None:
            stem = unique_slug(slugify(person.name), taken)
            taken.add(stem)
            planned_ids.add(stem)
            target = Target(stem, None, {"name": person.name})
            matcher.add(target, person.name)
            targets.append(target)
        for key, value in _fields(person).items():
            if target.values.get(key) in (None, "", []):
                target.values[key] = value
                target.filled[key] = value
                if target.path is not None and target not in targets:
                    targets.append(target)
        matcher.add(target, person.name)
    known = ledger.contact_ids | planned_ids
    for target in targets:  # an introducer must be in the ledger (or in this import)
        intro = target.filled.get("introduced_by")
        if intro is not None and (intro not in known or intro == target.stem):
            del target.filled["introduced_by"]
            target.values["introduced_by"] = None
    return [t for t in targets if t.path is None or t.filled]


def _update(ledger: Ledger, target: Target) -> None:
    from reseau.parse import parse_document
    from reseau.yamledit import EditError, edit, insert_key, styled

    assert target.path is not None
    expected = dict(ledger.value(ledger.contacts[target.stem].path))

    def fill(data: Any) -> None:
        for key in KEY_ORDER["contact"]:
            if key in target.filled:
                if key in data and data[key] in (None, "", []):
                    del data[key]
                insert_key(data, key, styled(target.filled[key]), KEY_ORDER["contact"])
                expected[key] = target.filled[key]

    try:
        data = edit((ledger.root / target.path).read_bytes(), fill)
    except (EditError, OSError) as exc:
        raise FatalError(f"{target.path}: cannot edit the file: {exc}") from None
    if parse_document(data).value != expected:
        raise FatalError(f"{target.path}: could not fill {', '.join(target.filled)} safely")
    replace_atomic(ledger.root, target.path, data)


def run(
    env: Env,
    kind: str,
    file: Path,
    dry_run: bool,
    do_commit: bool,
    progress: Progress | None,
    out: TextIO,
    err: TextIO,
) -> int:
    people = read_people(kind, file, err)
    ledger = open_ledger(env).ledger
    targets = plan(ledger, people)
    if not targets:
        out.write(f"nothing to import: every contact of {file.name} is already in the ledger\n")
        return 0
    written: list[str] = []
    bar: AbstractContextManager[Iterable[Any]] = (
        progress(targets)  # type: ignore[arg-type]
        if progress is not None and not dry_run and len(people) > PROGRESS_THRESHOLD
        else nullcontext(targets)
    )
    lines: list[str] = []
    with bar as items:
        for target in _typed(items):
            if target.path is None:
                rel = f"contacts/{target.stem}.yaml"
                if not dry_run:
                    values = {k: v for k, v in target.values.items() if v not in (None, "", [])}
                    rel = create_record(ledger.root, "contacts", target.stem, "contact", values)
                    written.append(rel)
                lines.append(f"create {rel}")
            else:
                if not dry_run:
                    _update(ledger, target)
                    written.append(target.path)
                lines.append(f"update {target.path}: {', '.join(target.filled)}")
    out.write("".join(f"{line}\n" for line in lines))
    if dry_run:
        out.write("dry run: nothing written\n")
        return 0
    if do_commit:
        commit(env, written, f"import: {len(written)} contacts from {file.name}", err)
    return 0


def _typed(items: Iterable[Any]) -> Iterator[Target]:
    yield from items
