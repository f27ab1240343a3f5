"""Shell completion's candidates: contact and opportunity ids (with names), interaction ids,
rule ids and organisations, read from the ledger's listing and the store (no file is parsed
and no interaction decoded, so it stays quick on a large ledger)."""

from __future__ import annotations

from reseau.commands.common import Env
from reseau.discover import WorkTree
from reseau.records import Contact, Opportunity
from reseau.refs import fold

Candidate = tuple[str, str]  # the value to insert, a help text shown beside it
LIMIT = 200  # a shell shows no more usefully


def candidates(env: Env, kind: str, incomplete: str) -> list[Candidate]:
    """What may complete `incomplete` for a parameter of this kind (contact, opportunity,
    interaction, rule, organization); never raises (a shell would print the traceback)."""
    try:
        if kind == "rule":
            return _rules(incomplete)
        return _from_ledger(env, kind, incomplete)
    except Exception:  # noqa: BLE001 - completion must never break the user's shell
        return []


def _rules(incomplete: str) -> list[Candidate]:
    from reseau.problems import FILE_CHECKS
    from reseau.rules import RULES

    names = {rid: name for rid, (name, _) in FILE_CHECKS.items()}
    names |= {rid: module.NAME for rid, module in RULES.items()}
    return [
        (rid, name) for rid, name in sorted(names.items()) if rid.startswith(incomplete.upper())
    ]


def _from_ledger(env: Env, kind: str, incomplete: str) -> list[Candidate]:
    from reseau.cache import open_store
    from reseau.gitsource import ledger_source

    root = env.root()
    files = (ledger_source(root, False) or WorkTree(root)).list()
    folder = {"contact": "contacts/", "organization": "contacts/", "opportunity": "opportunities/",
              "interaction": "interactions/"}[kind]  # fmt: skip
    stems = {f.path: f.stem for f in files if f.path.startswith(folder)}
    if kind == "interaction":
        return [(s, "") for s in sorted(set(stems.values())) if s.startswith(incomplete)][:LIMIT]
    store = None if env.no_cache else open_store(root)
    records: dict[str, Contact | Opportunity] = {}
    stored = False  # the store knows every file (those without a record are invalid)
    if store is not None:
        stored = store.rows.keys() >= stems.keys()
        blobs = store.records()
        for path in stems:
            blob = blobs.get(path)
            record = (
                store.decode("contact" if folder == "contacts/" else "opportunity", blob)
                if blob
                else None
            )
            if isinstance(record, (Contact, Opportunity)):
                records[path] = record
        store.close()
    if not stored:  # files the store does not know yet: read the ledger once (it fills it)
        from reseau.commands.common import open_ledger

        ledger = open_ledger(env).ledger
        known: list[Contact | Opportunity] = [*ledger.contacts.values()]
        known += ledger.opportunities.values()
        records = {r.path: r for r in known if r.path in stems}
    key = fold(incomplete)
    if kind == "organization":
        orgs = {
            c.organization for c in records.values() if isinstance(c, Contact) and c.organization
        }
        return [(o, "") for o in sorted(orgs) if not key or key in fold(o)][:LIMIT]
    found: list[Candidate] = []
    for path, stem in sorted(stems.items(), key=lambda item: item[1]):
        record = records.get(path)
        if isinstance(record, Contact):
            label, texts = record.name, (record.name, *record.aliases)
        elif isinstance(record, Opportunity):
            label, texts = (
                f"{record.title} at {record.organization}",
                (record.title, record.organization),
            )
        else:
            label, texts = "", ()
        if stem.startswith(incomplete) or (key and any(key in fold(t) for t in texts)):
            found.append((stem, label))
    return found[:LIMIT]
