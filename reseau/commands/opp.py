"""`reseau opp add TITLE --org ORG` and `reseau opp stage ID STAGE`: an opportunity and the
stages it goes through (oldest first)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, TextIO

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from reseau.commands.common import Env, open_ledger
from reseau.commands.log import _day
from reseau.commands.rewrite import Writes, set_key
from reseau.commands.writing import commit, create_record
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.refs import resolve_contact, resolve_opportunity
from reseau.slug import is_slug, slugify, unique_slug
from reseau.store import KEY_ORDER


@dataclass(frozen=True)
class OppAddOptions:
    title: str
    organization: str
    via: str | None = None
    stage: str = "lead"
    date: str | None = None
    note: str | None = None
    id: str | None = None
    commit: bool = False


def add(env: Env, options: OppAddOptions, out: TextIO) -> int:
    title, org = " ".join(options.title.split()), " ".join(options.organization.split())
    if not title or not org:
        raise FatalError(
            msg('an opportunity needs a title and --org: reseau opp add "Data analyst" --org Acme')
        )
    ledger = open_ledger(env).ledger
    via = resolve_contact(ledger, options.via, "--via") if options.via else None
    day = _day(options.date, "--date", env.as_of) if options.date else env.as_of
    stage: dict[str, Any] = {"date": day, "stage": options.stage}
    if options.note:
        stage["note"] = options.note
    values: dict[str, Any] = {"title": title, "organization": org, "via": via, "stages": [stage]}
    values = {k: v for k, v in values.items() if v is not None}
    if options.id is not None:
        if not is_slug(options.id):
            raise FatalError(
                msg("--id {id}: ids are lowercase words joined by '-'", id=repr(options.id))
            )
        if options.id in ledger.opportunity_ids:
            raise FatalError(msg("--id: opportunities/{id}.yaml already exists", id=options.id))
        stem = options.id
    else:
        stem = unique_slug(slugify(f"{org} {title}"), ledger.opportunity_ids)
    rel = create_record(
        ledger.root, "opportunities", stem, "opportunity", values, exact=options.id is not None
    )
    out.write(f"{rel}\n")
    if options.commit:
        commit(env, [rel], f"opp: {title} at {org} ({options.stage})", sys.stderr)
    return 0


def stage(
    env: Env,
    ref: str,
    stage: str,
    date: str | None,
    note: str | None,
    do_commit: bool,
    out: TextIO,
) -> int:
    ledger = open_ledger(env).ledger
    oid = resolve_opportunity(ledger, ref)
    opp = ledger.opportunities.get(oid)
    if opp is None:
        raise FatalError(msg("opportunities/{oid}.yaml has problems: run `reseau check`", oid=oid))
    day = _day(date, "--date", env.as_of) if date else env.as_of
    if opp.stages and day < opp.stages[-1].date:
        last = opp.stages[-1]
        raise FatalError(
            msg(
                "{path}: {day} is before the last stage ({stage} on {date}); stages are kept oldest first",
                path=opp.path,
                day=day,
                stage=last.stage,
                date=last.date,
            )
        )

    def change(data: CommentedMap) -> None:
        item = CommentedMap()
        item["date"] = day
        item["stage"] = stage
        if note:
            item["note"] = note
        stages = data.get("stages")
        if isinstance(stages, CommentedSeq):
            if stages and all(isinstance(s, CommentedMap) and s.fa.flow_style() for s in stages):
                item.fa.set_flow_style()
            stages.append(item)
        else:
            item.fa.set_flow_style()
            set_key(data, "stages", CommentedSeq([item]), KEY_ORDER["opportunity"])

    writes = Writes(ledger.root)
    data = writes.edited(opp.path, "opportunity", change)
    assert data is not None  # a stage was appended
    writes.replace(opp.path, data)
    out.write(env.tr()("{path}: {stage} on {date}", path=opp.path, stage=stage, date=day) + "\n")
    if do_commit:
        writes.commit(env, f"opp: {opp.title} at {opp.organization}: {stage}")
    return 0
