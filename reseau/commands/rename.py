"""`reseau rename OLD NEW` and `reseau merge DUPLICATE INTO`: an id changed, or two contacts
made one, with every reference rewritten file by file through the round-trip editor.

Every run plans from what is on disk, in an order that a second run can finish: first the
references inside the files (each an atomic replacement), then the interaction files whose
name carries the old id, and last the record itself (moved, or for a merge the duplicate
removed). A run killed at any moment leaves files that are each whole, and the same command
run again finds the work that remains and does only that."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from reseau.commands.common import Env, open_ledger
from reseau.commands.log import file_stem
from reseau.commands.rewrite import Writes, add_items, edited, set_key
from reseau.errors import FatalError
from reseau.i18n import ENGLISH, Translator, msg
from reseau.ledger import Ledger
from reseau.parse import parse_document
from reseau.refs import resolve_contact
from reseau.slug import is_slug
from reseau.store import KEY_ORDER, ledger_path

Target = Literal["contact", "opportunity"]
JsonPath = tuple[str | int, ...]
FOLDER = {"contact": "contacts", "opportunity": "opportunities"}
_SUFFIX = re.compile(r"-([0-9]+)$")


def references(kind: str, value: Any, old: str, target: Target) -> list[JsonPath]:
    """Where a record's value names old (a contact or an opportunity id)."""
    if not isinstance(value, dict):
        return []
    found: list[JsonPath] = []
    if target == "opportunity":
        if kind == "interaction" and value.get("opportunity") == old:
            found.append(("opportunity",))
        return found
    if kind == "contact" and value.get("introduced_by") == old:
        found.append(("introduced_by",))
    if kind == "opportunity" and value.get("via") == old:
        found.append(("via",))
    if kind == "interaction":
        people = value.get("with")
        if isinstance(people, list):
            found += [("with", i) for i, p in enumerate(people) if p == old]
        received = value.get("received")
        if isinstance(received, list):
            found += [
                ("received", i, "referral")
                for i, item in enumerate(received)
                if isinstance(item, dict) and item.get("referral") == old
            ]
        nxt = value.get("next")
        if isinstance(nxt, dict) and isinstance(nxt.get("with"), list):
            found += [("next", "with", i) for i, p in enumerate(nxt["with"]) if p == old]
    return found


def rewrite(paths: list[JsonPath], new: str, own_id: str) -> Any:
    """The change that makes each reference name new; an item already naming new is removed
    (a merge: `with: [dup, into]` becomes `with: [into]`), as is a contact's introducer
    that would be themselves."""

    def change(data: CommentedMap) -> None:
        for path in sorted(paths, key=_order, reverse=True):
            parent: Any = data
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            if isinstance(parent, CommentedSeq) and isinstance(last, int):
                if new in parent:
                    del parent[last]
                else:
                    parent[last] = new
            elif path == ("introduced_by",) and new == own_id:
                del parent[last]
            elif (
                isinstance(parent, CommentedMap)
                and path[0] == "received"
                and new
                in [item.get("referral") for item in data["received"] if isinstance(item, dict)]
            ):
                del data["received"][path[1]]
                if not data["received"]:
                    del data["received"]
            else:
                parent[last] = new

    return change


def _order(path: JsonPath) -> tuple[tuple[int, str], ...]:
    """Paths in document order, indexes as numbers (so later items are removed first)."""
    return tuple((x, "") if isinstance(x, int) else (-1, x) for x in path)


@dataclass
class Plan:
    old: str
    new: str
    target: Target
    edits: list[tuple[str, str, list[JsonPath]]] = field(default_factory=list)  # path, kind
    moves: list[tuple[str, str]] = field(default_factory=list)  # interaction files
    record: tuple[str, str] | None = None  # the record's move (rename)
    stale: str | None = None  # a left-over old name holding the same bytes as the new one

    def lines(self, tr: Translator = ENGLISH) -> list[str]:
        out = [
            tr.ngettext(
                "rewrite {path}: {n} reference", "rewrite {path}: {n} references", len(paths)
            ).format(path=rel, n=tr.number(len(paths)))
            for rel, _kind, paths in self.edits
        ]
        out += [tr("move {old} -> {new}", old=a, new=b) for a, b in self.moves]
        if self.record is not None:
            out.append(tr("move {old} -> {new}", old=self.record[0], new=self.record[1]))
        if self.stale is not None:
            out.append(tr("remove {path} (already moved)", path=self.stale))
        return out


def _scan(ledger: Ledger, plan: Plan, skip: str | None = None) -> None:
    """Fill the plan's edits and interaction moves from the files as they are now."""
    old, new = plan.old, plan.new
    needle = old.encode("utf-8")
    taken: set[str] = set()
    for file in ledger.files:
        if file.kind not in ("contact", "interaction", "opportunity") or file.path == skip:
            continue
        try:
            data = ledger_path(ledger.root, file.path).read_bytes()
        except OSError:
            continue
        if needle not in data and not (
            file.kind == "interaction" and plan.target == "contact" and new.encode() in data
        ):
            continue
        value = parse_document(data).value
        paths = references(file.kind, value, old, plan.target)
        if paths:
            plan.edits.append((file.path, file.kind, paths))
        if file.kind == "interaction" and plan.target == "contact" and isinstance(value, dict):
            moved = _renamed_stem(file.path, value, old, new)
            if moved is not None and moved not in taken:
                target = _free(ledger, moved, taken)
                taken.add(target)
                plan.moves.append((file.path, target))


def _renamed_stem(rel: str, value: dict[str, Any], old: str, new: str) -> str | None:
    """The interaction file's new path when its name is the one `log` gives with old among
    its people (and not when another id merely contains the same words)."""
    people = value.get("with")
    if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
        return None
    if old not in people and new not in people:
        return None
    before = [old if p == new else p for p in people]
    after = list(dict.fromkeys(new if p == old else p for p in people))
    date, channel = value.get("date"), value.get("channel")
    folder, stem = rel.rsplit("/", 1)
    stem = stem.removesuffix(".yaml")
    was = file_stem({"date": date, "channel": channel, "with": before})
    suffix = ""
    if stem != was:
        match = _SUFFIX.search(stem)
        if match is None or stem[: match.start()] != was:
            return None
        suffix = match.group(0)
    becomes = file_stem({"date": date, "channel": channel, "with": after})
    return None if becomes == was else f"{folder}/{becomes}{suffix}.yaml"


def _free(ledger: Ledger, rel: str, taken: set[str]) -> str:
    base = rel.removesuffix(".yaml")
    for n in range(1, 1000):
        candidate = rel if n == 1 else f"{base}-{n}.yaml"
        if candidate not in taken and not (ledger.root / candidate).exists():
            return candidate
    raise FatalError(msg("{rel}: every name is taken", rel=rel))


def _apply(ledger: Ledger, plan: Plan, writes: Writes, out: TextIO) -> None:
    for rel, kind, paths in plan.edits:
        own = rel.rsplit("/", 1)[-1].removesuffix(".yaml")
        data = writes.edited(rel, kind, rewrite(paths, plan.new, own))
        if data is not None:
            writes.replace(rel, data)
    for old, new in plan.moves:
        writes.move(old, new)
    if plan.record is not None:
        writes.move(*plan.record)
    if plan.stale is not None:
        writes.remove(plan.stale)


def _report(plan: Plan, dry_run: bool, out: TextIO, tr: Translator) -> None:
    _say(plan.lines(tr), dry_run, out, tr)


def _say(lines: list[str], dry_run: bool, out: TextIO, tr: Translator) -> None:
    """The plan's lines; after --dry-run, what would be done."""
    for line in lines:
        out.write((tr("would {action}", action=line) if dry_run else line) + "\n")


def _target_of(ledger: Ledger, old: str, new: str) -> Target:
    if old in ledger.contact_ids and old in ledger.opportunity_ids:
        raise FatalError(
            msg(
                "{ref} is a contact and an opportunity: say contacts/{id} or opportunities/{id}",
                ref=repr(old),
                id=old,
            )
        )
    if old in ledger.opportunity_ids:
        return "opportunity"
    if old not in ledger.contact_ids and new in ledger.opportunity_ids:
        return "opportunity"
    return "contact"


def rename(env: Env, old: str, new: str, dry_run: bool, do_commit: bool, out: TextIO) -> int:
    ledger = open_ledger(env).ledger
    tr = env.translator(ledger.settings.lang)
    new = new.strip().removesuffix(".yaml").rsplit("/", 1)[-1]
    if not is_slug(new):
        raise FatalError(
            msg(
                "{new} is not an id: lowercase words joined by '-' (e.g. helene-dupre)",
                new=repr(new),
            )
        )
    explicit = old.strip().split("/", 1)[0] if "/" in old else None
    stem = old.strip().removesuffix(".yaml").rsplit("/", 1)[-1]
    target: Target
    if explicit == "opportunities":
        target = "opportunity"
    elif explicit == "contacts":
        target = "contact"
    else:
        target = _target_of(ledger, stem, new)
    ids = ledger.contact_ids if target == "contact" else ledger.opportunity_ids
    if stem not in ids:
        # No file of that id: a REF, or a rename interrupted after the record moved (then
        # NEW is there, and OLD, taken literally, names what is left to rewrite).
        resuming = is_slug(stem) and new in ids
        found: str | None = None
        if target == "contact":
            try:
                found = resolve_contact(ledger, old)
            except FatalError:
                if not resuming:
                    raise
        if found is not None and found != new:
            stem = found
        elif not resuming:
            raise FatalError(
                msg("no {target} {stem} in the ledger", target=target, stem=repr(stem))
            )
    if stem == new:
        raise FatalError(msg("{stem} is already called {new}", stem=stem, new=new))
    folder = FOLDER[target]
    source, dest = f"{folder}/{stem}.yaml", f"{folder}/{new}.yaml"
    plan = Plan(stem, new, target)
    has_old, has_new = (ledger.root / source).exists(), (ledger.root / dest).exists()
    if has_old and has_new:
        if (ledger.root / source).read_bytes() != (ledger.root / dest).read_bytes():
            raise FatalError(
                msg("{dest} already exists: choose another id, or merge the two", dest=dest)
            )
        plan.stale = source  # killed between the link and the unlink: finish
    elif has_old:
        plan.record = (source, dest)
    _scan(ledger, plan)
    if not (plan.edits or plan.moves or plan.record or plan.stale):
        out.write(tr("nothing left to rename: {dest} holds every reference", dest=dest) + "\n")
        return 0
    _report(plan, dry_run, out, tr)
    if dry_run:
        return 0
    writes = Writes(ledger.root)
    _apply(ledger, plan, writes, out)
    if do_commit:
        writes.commit(env, f"rename: {stem} -> {new}")
    return 0


# -- merge --------------------------------------------------------------------------------------

UNION = ("emails", "phones", "links", "tags", "aliases")
FILL = (
    "organization",
    "role",
    "introduced_by",
    "relation",
    "location",
    "cadence",
    "birthday",
    "connected",
)


def merged_into(dup: dict[str, Any], into_id: str, dup_id: str) -> Any:
    """The change to INTO's file: lists unioned (the duplicate's name becomes an alias),
    empty fields filled, the duplicate's notes below INTO's."""
    order = KEY_ORDER["contact"]

    def change(data: CommentedMap) -> None:
        names = [dup.get("name"), *dup.get("aliases", ())]
        aliases = [n for n in names if isinstance(n, str) and n != data.get("name")]
        for key in UNION:
            items = list(dup.get(key, ())) + (aliases if key == "aliases" else [])
            add_items(data, key, items, order)
        for key in FILL:
            value = dup.get(key)
            if value is None or key in data:
                continue
            if key == "introduced_by" and value in (into_id, dup_id):
                continue
            set_key(data, key, value, order)
        notes = dup.get("notes")
        if isinstance(notes, str) and notes.strip():
            mine = data.get("notes")
            if not isinstance(mine, str) or not mine.strip():
                set_key(data, "notes", LiteralScalarString(notes.rstrip("\n") + "\n"), order)
            elif notes.strip() not in mine:
                text = mine.rstrip("\n") + "\n\n" + notes.rstrip("\n") + "\n"
                data["notes"] = LiteralScalarString(text)

    return change


def merge(env: Env, duplicate: str, into: str, dry_run: bool, do_commit: bool, out: TextIO) -> int:
    ledger = open_ledger(env).ledger
    dup_id = resolve_contact(ledger, duplicate, "DUPLICATE")
    into_id = resolve_contact(ledger, into, "INTO")
    if dup_id == into_id:
        raise FatalError(msg("{dup_id}: a contact cannot be merged into itself", dup_id=dup_id))
    dup, keep = ledger.contacts.get(dup_id), ledger.contacts.get(into_id)
    if dup is None or keep is None:
        broken = dup_id if dup is None else into_id
        raise FatalError(
            msg("contacts/{broken}.yaml has problems: run `reseau check` first", broken=broken)
        )
    plan = Plan(dup_id, into_id, "contact")
    _scan(ledger, plan, skip=dup.path)
    dup_value = ledger.value(dup.path)
    own = edited(ledger.root, keep.path, "contact", merged_into(dup_value, into_id, dup_id))
    tr = env.translator(ledger.settings.lang)
    lines = plan.lines(tr)
    if own is not None:
        lines.append(
            tr(
                "update {path}: e-mails, links, tags, aliases and notes of {name}",
                path=keep.path,
                name=dup.name,
            )
        )
    lines.append(tr("remove {path}", path=dup.path))
    _say(lines, dry_run, out, tr)
    if dry_run:
        return 0
    writes = Writes(ledger.root)
    _apply(ledger, plan, writes, out)
    # INTO's own file again, as it is now (a reference rewrite may have changed it).
    own = writes.edited(keep.path, "contact", merged_into(dup_value, into_id, dup_id))
    if own is not None:
        writes.replace(keep.path, own)
    writes.remove(dup.path)
    if do_commit:
        writes.commit(env, f"merge: {dup.name} ({dup_id}) into {keep.name} ({into_id})")
    return 0
