"""`reseau log WITH...`: a new interaction file, from options or from $EDITOR."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, TextIO

from reseau.commands.common import Env, open_ledger
from reseau.commands.writing import (
    Prompter,
    commit,
    create_record,
    record_text,
    suggestion,
)
from reseau.dates import parse_date
from reseau.errors import FatalError
from reseau.formats import escape
from reseau.i18n import ENGLISH, msg
from reseau.ledger import Ledger
from reseau.records import Interaction
from reseau.refs import find_contact, resolve_contacts, resolve_opportunity
from reseau.slug import is_slug, slugify

MAX_STEM = 60


@dataclass(frozen=True)
class LogOptions:
    people: tuple[str, ...] = ()
    channel: str | None = None
    date: str | None = None
    initiated_by: str | None = None
    summary: str | None = None
    ask: str | None = None
    gave: tuple[str, ...] = ()
    received: tuple[str, ...] = ()
    referrals: tuple[str, ...] = ()
    promises: tuple[str, ...] = ()
    promise_dues: tuple[str, ...] = ()
    next_action: str | None = None
    next_due: str | None = None
    opportunity: str | None = None
    planned: bool = False
    edit: bool = False
    commit: bool = False


def _day(text: str, option: str, as_of: dt.date) -> dt.date:
    try:
        return parse_date(text, as_of)
    except ValueError as exc:
        raise FatalError(msg("{option}: {exc}", option=option, exc=str(exc))) from None


def interaction_values(options: LogOptions, as_of: dt.date) -> dict[str, Any]:
    """The interaction's fields from the options, empty ones left out."""
    if len(options.promise_dues) > len(options.promises):
        raise FatalError(msg("--promise-due: each due date needs its --promise"))
    if options.next_due and not options.next_action:
        raise FatalError(msg("--next-due needs --next ACTION"))
    if options.next_action and not options.next_due:
        raise FatalError(msg("--next needs --next-due DATE (e.g. --next-due +2w)"))
    promised = []
    for index, what in enumerate(options.promises):
        item: dict[str, Any] = {"what": what}
        if index < len(options.promise_dues):
            item["due"] = _day(options.promise_dues[index], "--promise-due", as_of)
        promised.append(item)
    received: list[Any] = list(dict.fromkeys(options.received))
    received += [{"referral": r} for r in dict.fromkeys(options.referrals)]
    values: dict[str, Any] = {
        "date": _day(options.date, "--date", as_of) if options.date else as_of,
        "with": list(dict.fromkeys(options.people)),
        "channel": options.channel,
        "initiated_by": options.initiated_by,
        "summary": options.summary,
        "ask": options.ask,
        "gave": list(dict.fromkeys(options.gave)),
        "received": received,
        "promised": promised,
        "next": (
            {"action": options.next_action, "due": _day(options.next_due, "--next-due", as_of)}
            if options.next_action and options.next_due
            else None
        ),
        "opportunity": options.opportunity,
        "planned": True if options.planned else None,
    }
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def file_stem(values: dict[str, Any]) -> str:
    """`2016-04-08-meeting-helene-dupre`; several people: `…-helene-dupre-and-2-more`."""
    people = [str(p) for p in values.get("with", ())] or ["someone"]
    who = (
        people[0]
        if len(people) == 1
        else (
            f"{people[0]}-and-{people[1]}"
            if len(people) == 2
            else f"{people[0]}-and-{len(people) - 1}-more"
        )
    )
    channel = values.get("channel")
    prefix = f"{values['date']}-{slugify(str(channel))}-" if channel else f"{values['date']}-"
    room = MAX_STEM - len(prefix)
    if len(who) > room:
        who = who[:room].rstrip("-")
    return prefix + (who if is_slug(who) else slugify(who))


def _people_named(ledger: Ledger, ids: list[str]) -> str:
    names = [ledger.name(cid) for cid in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _missing_referrals(
    ledger: Ledger, values: dict[str, Any], prompter: Prompter, err: TextIO
) -> list[tuple[str, str]]:
    """Referrals to people not in the ledger: (id, name) to create, after asking."""
    referrals = [item["referral"] for item in values.get("received", ()) if isinstance(item, dict)]
    missing = [r for r in referrals if r not in ledger.contact_ids]
    introducer = values["with"][0]
    to_create = []
    for ref in missing:
        if not is_slug(ref):
            raise FatalError(
                msg(
                    "--referral {ref}: ids are lowercase words joined by '-' (e.g. karim-bonnet)",
                    ref=repr(ref),
                )
            )
        guess = ref.replace("-", " ").title()
        hint = suggestion(ref, ledger.contact_ids)
        if not prompter.interactive:
            raise FatalError(
                msg(
                    '--referral: no contact {ref} in the ledger{hint}; add them first:\n  reseau add "{guess}" --introduced-by {introducer} --relation introduced',
                    ref=repr(ref),
                    hint=hint,
                    guess=guess,
                    introducer=introducer,
                )
            )
        if not prompter.confirm(
            f"{ref} is not in the ledger{hint}. Create contacts/{ref}.yaml, "
            f"introduced by {introducer}?"
        ):
            raise FatalError(msg("nothing written"))
        name = prompter.prompt(f"Name of {ref}", guess).strip() or guess
        to_create.append((ref, name))
    return to_create


def _known_problems(ledger: Ledger, values: dict[str, Any]) -> list[str]:
    """Ids in the record that name nothing (L001), as messages."""
    problems = []
    refs = [("with", cid) for cid in values.get("with", ())]
    refs += [
        ("referral", item["referral"])
        for item in values.get("received", ())
        if isinstance(item, dict) and isinstance(item.get("referral"), str)
    ]
    nxt = values.get("next")
    if isinstance(nxt, dict):
        refs += [("next.with", cid) for cid in nxt.get("with", ()) if isinstance(cid, str)]
    for field, cid in refs:
        if cid not in ledger.contact_ids:
            problems.append(
                f"{field}: no contact {cid!r} in the ledger"
                + ENGLISH.render(suggestion(cid, ledger.contact_ids))
            )
    opportunity = values.get("opportunity")
    if isinstance(opportunity, str) and opportunity not in ledger.opportunity_ids:
        problems.append(
            f"opportunity: no opportunity {opportunity!r} in the ledger"
            + ENGLISH.render(suggestion(opportunity, ledger.opportunity_ids))
        )
    return problems


def run(env: Env, options: LogOptions, prompter: Prompter, out: TextIO, err: TextIO) -> int:
    ledger = open_ledger(env).ledger
    if not options.people and not options.edit:
        raise FatalError(
            msg("name at least one contact id (e.g. reseau log helene-dupre), or use --edit")
        )
    options = _resolved(ledger, options)
    values = interaction_values(options, env.as_of)
    written: list[str] = []
    if options.edit:
        from reseau.commands.edit_log import edit_interaction

        # The ledger is read again on every save: a contact added meanwhile counts.
        edited = edit_interaction(
            ledger, values, prompter, lambda v: _known_problems(open_ledger(env).ledger, v)
        )
        if edited is None:
            err.write(env.tr().gettext("reseau: empty record: nothing written") + "\n")
            return 1
        values, text = edited
        rel = _create_text(ledger, values, text)
    else:
        if values.get("with"):
            for ref, name in _missing_referrals(ledger, values, prompter, err):
                written.append(
                    create_record(
                        ledger.root,
                        "contacts",
                        ref,
                        "contact",
                        {
                            "name": name,
                            "introduced_by": values["with"][0],
                            "relation": "introduced",
                        },
                        exact=True,
                    )
                )
                out.write(f"{written[-1]}\n")
        date: dt.date = values["date"]
        rel = create_record(
            ledger.root, f"interactions/{date.year:04d}", file_stem(values), "interaction", values
        )
    written.append(rel)
    out.write(f"{rel}\n")
    if values["date"] > env.as_of and not values.get("planned"):
        err.write(
            env.tr()(
                "reseau: warning: {path} is dated after {date}: add --planned if it is scheduled",
                path=rel,
                date=env.as_of.isoformat(),
            )
            + "\n"
        )
    # On stderr, as the warnings: stdout holds only the paths written, for scripts.
    err.write("".join(f"{line}\n" for line in loop_lines(env, rel)))
    if options.commit:
        channel = values.get("channel") or "interaction"
        commit(env, written, f"log: {channel} with {_people_named(ledger, values['with'])}", err)
    return 0


def loop_lines(env: Env, rel: str) -> list[str]:
    """What the new interaction closes, and the inform loops it leaves open for want of an
    update (docs/chains-and-loops.md), as read from the ledger once it is written."""
    from reseau.engine import ledger_loops
    from reseau.loops import informs
    from reseau.present import Words

    ledger = open_ledger(env).ledger
    new = ledger.by_path.get(rel)
    if not isinstance(new, Interaction) or not new.happened(env.as_of):
        return []
    tr = env.translator(ledger.settings.lang)
    words = Words(tr.lang)
    loops = ledger_loops(ledger, env.as_of)
    lines = [
        tr("closes: {action}", action=words.action(ledger, lp))
        for lp in loops
        if lp.closed_by == new.id
    ]
    if not informs(new):
        lines += [
            tr(
                "does not close: {action}: this gives no update "
                "(log it with --gave update, or add `update` to its `gave:`)",
                action=words.action(ledger, lp),
            )
            for lp in loops
            if lp.kind == "inform"
            and lp.is_open()
            and lp.opened <= new.date
            and lp.source.path != rel
            and not set(lp.people).isdisjoint(new.with_)
        ]
    # two loops alike (two files) read as one line; each line one line, whatever it quotes
    return [escape(line) for line in dict.fromkeys(lines)]


def _resolved(ledger: Ledger, options: LogOptions) -> LogOptions:
    """The options with each REF made an id (a referral to someone new stays as given)."""
    people = tuple(resolve_contacts(ledger, options.people))
    referrals = tuple(find_contact(ledger, r, "--referral") or r for r in options.referrals)
    opportunity = options.opportunity
    if opportunity:
        opportunity = resolve_opportunity(ledger, opportunity, "--opportunity")
    return replace(options, people=people, referrals=referrals, opportunity=opportunity)


def _create_text(ledger: Ledger, values: dict[str, Any], text: str) -> str:
    """Write the edited text under the name its date, channel and people give."""
    from reseau.commands.writing import MAX_TRIES
    from reseau.store import OutsideLedger, create_exclusive, with_modeline

    date: dt.date = values["date"]
    folder, stem = f"interactions/{date.year:04d}", file_stem(values)
    for n in range(1, MAX_TRIES + 1):
        rel = f"{folder}/{stem if n == 1 else f'{stem}-{n}'}.yaml"
        try:
            create_exclusive(ledger.root, rel, with_modeline(text, rel, "interaction"))
        except FileExistsError:
            continue
        except OutsideLedger as exc:
            raise FatalError(str(exc)) from None
        return rel
    raise FatalError(msg("{folder}/{stem}.yaml: every name is taken", folder=folder, stem=stem))


__all__ = ["LogOptions", "run", "interaction_values", "file_stem", "record_text"]
