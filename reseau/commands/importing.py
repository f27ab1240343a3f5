"""`reseau import linkedin|vcard|google|outlook FILE`: idempotent import.

New people become contacts; empty fields of matched contacts are filled; a
field whose value changed since (a new title) is proposed, and written only
with `--update`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from reseau.commands.common import Env, open_ledger
from reseau.commands.writing import commit, create_record
from reseau.errors import FatalError
from reseau.formats import escape
from reseau.i18n import N_, msg
from reseau.interchange.people import PersonRecord
from reseau.ledger import Ledger
from reseau.records import Contact
from reseau.slug import (
    is_slug,
    normalise_email,
    normalise_link,
    normalise_name,
    slugify,
    unique_slug,
)
from reseau.store import KEY_ORDER, read_snapshot, replace_atomic

PROGRESS_THRESHOLD = 200
KINDS = ("linkedin", "vcard", "google", "outlook")
Progress = Callable[[list[PersonRecord]], AbstractContextManager[Iterable[PersonRecord]]]
Reader = Callable[[str], tuple[list[PersonRecord], list[str]]]

CONTACT_ORDER = KEY_ORDER["contact"]
SCALARS = ("organization", "role", "introduced_by", "location", "birthday", "connected", "notes")
LISTS = ("emails", "phones", "links", "tags", "aliases")
# Fields whose change since the last import is proposed (the others are only filled).
PROPOSED = ("organization", "role", "location", "birthday", "connected")
_TITLES = re.compile(
    r"\b(phd|ph d|md|mba|msc|dr|mr|mrs|ms|mme|m|jr|sr|ii|iii|iv|esq|prof)\b", re.IGNORECASE
)


@dataclass
class Target:
    """A contact the import creates (path None) or fills in (path set)."""

    stem: str
    path: str | None
    values: dict[str, Any]
    filled: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def _reader(kind: str) -> Reader:
    if kind == "linkedin":
        from reseau.interchange.linkedin import read_linkedin_csv

        return read_linkedin_csv
    if kind in ("google", "outlook"):
        from reseau.interchange.addressbook_csv import read_google_csv, read_outlook_csv

        return read_google_csv if kind == "google" else read_outlook_csv
    raise ValueError(kind)


def read_people(
    kind: str, path: Path, err: TextIO, encoding: str | None = None
) -> list[PersonRecord]:
    """The file's people; FatalError (exit 2) when it cannot be read at all. Every card or
    row left out, and every value changed, is reported on err with the file and line."""
    from reseau.interchange.encoding import EncodingError, decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FatalError(
            msg("{path}: cannot read: {strerror}", path=str(path), strerror=str(exc.strerror))
        ) from None
    try:
        decoded = decode(data, encoding)
    except EncodingError as exc:
        raise FatalError(msg("{path}: {exc}", path=str(path), exc=str(exc))) from None
    if decoded.how not in ("utf-8", "bom") or decoded.encoding not in ("utf-8", "utf-8-sig"):
        err.write(f"reseau: {path.name}: read as {decoded.encoding} ({decoded.how})\n")
    if kind == "vcard":
        from reseau.interchange.vcard import read_vcards

        people, warnings = read_vcards(decoded.text, decoded.encoding)
    else:
        people, warnings = _reader(kind)(decoded.text)
    if not people:
        detail = "; ".join(warnings) or "no contact in it"
        raise FatalError(msg("{path}: nothing to import: {detail}", path=str(path), detail=detail))
    for warning in warnings:
        err.write(f"reseau: {escape(path.name)}: {escape(warning)}\n")
    return people


def _text(value: Any) -> Any:
    """YAML values as the importer compares them: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_text(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def _values(ledger: Ledger, contact: Contact) -> dict[str, Any]:
    doc = dict(ledger.value(contact.path))
    values = {key: _text(doc.get(key)) for key in SCALARS}
    values.update({key: list(_text(doc.get(key) or [])) for key in LISTS})
    return values


def _fields(person: PersonRecord) -> dict[str, Any]:
    values = {
        "organization": person.organization,
        "role": person.role,
        "introduced_by": person.introduced_by,
        "emails": list(dict.fromkeys(person.emails)),
        "phones": list(dict.fromkeys(person.phones)),
        "links": list(dict.fromkeys(person.links)),
        "location": person.location,
        "tags": list(dict.fromkeys(person.tags)),
        "aliases": list(dict.fromkeys(a for a in person.aliases if a != person.name)),
        "birthday": person.birthday,
        "connected": person.connected_on,
        "notes": person.notes.rstrip("\n") + "\n"
        if person.notes and "\n" in person.notes.strip("\n")
        else person.notes,
    }
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def _yaml(values: dict[str, Any]) -> dict[str, Any]:
    """Values as written to YAML: full dates plain (`connected: 2015-06-02`), not quoted."""
    import datetime as dt

    written = dict(values)
    for key in ("birthday", "connected"):
        if isinstance(written.get(key), str) and not written[key].startswith("--"):
            written[key] = dt.date.fromisoformat(written[key])
    return written


def _same_item(key: str) -> Callable[[str], str]:
    if key == "emails":
        return normalise_email
    if key == "links":
        return normalise_link
    if key == "phones":
        return lambda p: re.sub(r"[^0-9+]", "", p) or p
    return lambda t: " ".join(t.casefold().split())


def loose_name(name: str) -> str:
    """A name without titles, degrees, punctuation or spaces: `Hélène Dupré, PhD` and
    `Dr Hélène Dupré` → `helenedupre`; `Antoine Le Roux` and `Antoine Leroux` agree."""
    return normalise_name(_TITLES.sub(" ", normalise_name(name))).replace(" ", "")


class Matcher:
    """Existing and planned contacts by id, normalised link, e-mail and name."""

    def __init__(self) -> None:
        self.ids: dict[str, Target] = {}
        self.indexes: tuple[dict[str, Target], dict[str, Target], dict[str, Target]] = ({}, {}, {})
        self.loose: dict[str, tuple[Target, str]] = {}

    def add(self, target: Target, name: str, aliases: Iterable[str] = ()) -> None:
        links, emails, names = self.indexes
        self.ids.setdefault(target.stem, target)
        for link in target.values.get("links") or ():
            links.setdefault(normalise_link(link), target)
        for email in target.values.get("emails") or ():
            emails.setdefault(normalise_email(email), target)
        for text in (name, *aliases):
            names.setdefault(normalise_name(text), target)
            self.loose.setdefault(loose_name(text), (target, name))

    def find(self, person: PersonRecord) -> Target | None:
        links, emails, names = self.indexes
        if person.id is not None and person.id in self.ids:
            return self.ids[person.id]
        for link in person.links:
            if normalise_link(link) in links:
                return links[normalise_link(link)]
        for email in person.emails:
            if normalise_email(email) in emails:
                return emails[normalise_email(email)]
        for text in (person.name, *person.aliases):
            if normalise_name(text) in names:
                return names[normalise_name(text)]
        return None

    def near(self, person: PersonRecord) -> tuple[Target, str] | None:
        """A contact whose name differs only in titles, spaces or punctuation."""
        return self.loose.get(loose_name(person.name))


def _merge(target: Target, person: PersonRecord) -> None:
    for key, value in _fields(person).items():
        current = target.values.get(key)
        if current in (None, "", []):
            target.values[key] = value
            target.filled[key] = value
        elif key in LISTS:
            same = _same_item(key)
            known = {same(v) for v in current}
            extra = [v for v in value if same(v) not in known]
            if extra and target.path is not None:
                target.changes[key] = (current, current + extra)
            elif extra:
                target.values[key] = current + extra
        elif key in PROPOSED and str(current) != str(value) and target.path is not None:
            target.changes[key] = (current, value)


def plan(
    ledger: Ledger, people: Iterable[PersonRecord], warnings: list[str] | None = None
) -> list[Target]:
    """Contacts to create, fill or change, in file order; a second run plans nothing
    (proposed changes are planned again until `--update` applies them)."""
    matcher = Matcher()
    for contact in sorted(ledger.contacts.values(), key=lambda c: c.id):
        target = Target(contact.id, contact.path, _values(ledger, contact))
        matcher.add(target, contact.name, contact.aliases)
    taken = set(ledger.contact_ids)
    targets: list[Target] = []
    planned_ids: set[str] = set()
    for person in people:
        found = matcher.find(person)
        if found is not None:
            target = found
        else:
            near = matcher.near(person)
            if near is not None and warnings is not None:
                where = near[0].path or f"contacts/{near[0].stem}.yaml"
                warnings.append(
                    f"line {person.line}: {person.name!r} looks like {near[1]!r} ({where}); "
                    "imported as another contact: `reseau merge` them if they are one"
                )
            own = person.id if person.id is not None and is_slug(person.id) else None
            stem = own if own is not None and own not in taken else None
            stem = stem or unique_slug(slugify(person.name), taken)
            taken.add(stem)
            planned_ids.add(stem)
            target = Target(stem, None, {"name": person.name})
            targets.append(target)
        _merge(target, person)
        if target.path is not None and (target.filled or target.changes) and target not in targets:
            targets.append(target)
        matcher.add(target, person.name, person.aliases)
    known = ledger.contact_ids | planned_ids
    for target in targets:  # an introducer must be in the ledger (or in this import)
        intro = target.values.get("introduced_by")
        if intro is not None and (intro not in known or intro == target.stem):
            target.filled.pop("introduced_by", None)
            if target.path is None:
                target.values["introduced_by"] = None
    return [t for t in targets if t.path is None or t.filled or t.changes]


def _update(ledger: Ledger, target: Target, apply_changes: bool) -> None:
    from reseau.parse import parse_document
    from reseau.yamledit import EditError, edit, insert_key, styled

    assert target.path is not None
    expected = dict(ledger.value(ledger.contacts[target.stem].path))
    wanted = dict(target.filled)
    if apply_changes:
        wanted.update({key: new for key, (_old, new) in target.changes.items()})
    wanted = _yaml(wanted)

    def fill(data: Any) -> None:
        for key in CONTACT_ORDER:
            if key in wanted:
                if key in data:
                    del data[key]
                insert_key(data, key, styled(wanted[key]), CONTACT_ORDER)
                expected[key] = wanted[key]

    try:
        snapshot = read_snapshot(ledger.root, target.path)
    except OSError as exc:
        raise FatalError(
            msg(
                "{path}: cannot read the file: {exc}",
                path=target.path,
                exc=str(exc.strerror or exc),
            )
        ) from None
    try:
        data = edit(snapshot.data, fill)
    except EditError as exc:
        raise FatalError(
            msg("{path}: cannot edit the file: {exc}", path=target.path, exc=str(exc))
        ) from None
    if _text(dict(parse_document(data).value)) != _text(expected):
        raise FatalError(
            msg(
                "{path}: could not fill {wanted} safely",
                path=target.path,
                wanted=str(", ".join(wanted)),
            )
        )
    replace_atomic(ledger.root, target.path, data, expected=snapshot)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def run(
    env: Env,
    kind: str,
    file: Path,
    dry_run: bool,
    do_commit: bool,
    progress: Progress | None,
    out: TextIO,
    err: TextIO,
    update: bool = False,
    encoding: str | None = None,
) -> int:
    people = read_people(kind, file, err, encoding)
    ledger = open_ledger(env).ledger
    warnings: list[str] = []
    targets = plan(ledger, people, warnings)
    for warning in warnings:
        err.write(f"reseau: {file.name}: {warning}\n")
    tr = env.translator(ledger.settings.lang)
    if not targets:
        out.write(
            tr(
                "nothing to import: every contact of {file} is already in the ledger",
                file=file.name,
            )
            + "\n"
        )
        return 0
    written: list[str] = []
    bar: AbstractContextManager[Iterable[Any]] = (
        progress(targets)  # type: ignore[arg-type]
        if progress is not None and not dry_run and len(people) > PROGRESS_THRESHOLD
        else nullcontext(targets)
    )
    lines: list[str] = []
    proposed = 0
    with bar as items:
        for target in _typed(items):
            if target.path is None:
                rel = f"contacts/{target.stem}.yaml"
                if not dry_run:
                    values = {k: v for k, v in target.values.items() if v not in (None, "", [])}
                    values = _yaml(values)
                    rel = create_record(ledger.root, "contacts", target.stem, "contact", values)
                    written.append(rel)
                lines.append(tr("create {path}", path=rel))
                continue
            if target.filled or (update and target.changes):
                if not dry_run:
                    _update(ledger, target, update)
                    written.append(target.path)
                done = list(target.filled) + (list(target.changes) if update else [])
                lines.append(
                    tr("update {path}: {fields}", path=target.path, fields=", ".join(done))
                )
            for key, (old, new) in target.changes.items():
                line = (
                    N_("change {path}: {key}: {old} → {new}")
                    if update
                    else N_("propose {path}: {key}: {old} → {new}")
                )
                lines.append(tr(line, path=target.path, key=key, old=_shown(old), new=_shown(new)))
                proposed += not update
    out.write("".join(f"{line}\n" for line in lines))
    if proposed:
        out.write(
            tr.ngettext(
                "{n} change proposed: run again with --update to apply it",
                "{n} changes proposed: run again with --update to apply them",
                proposed,
            ).format(n=tr.number(proposed))
            + "\n"
        )
    if dry_run:
        out.write(tr.gettext("dry run: nothing written") + "\n")
        return 0
    if do_commit and written:
        commit(env, written, f"import: {len(written)} contacts from {file.name}", err)
    return 0


def _typed(items: Iterable[Any]) -> Iterator[Target]:
    yield from items
