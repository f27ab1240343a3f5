"""The weekly report as values: pure functions of (ledger, problems, loops, as-of, week)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reseau.engine import configured_level, waived
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.present import current_stage, introduction_chain
from reseau.problems import LEVELS, Level, Problem
from reseau.records import Interaction, Opportunity, Stage
from reseau.report.activity import Activity
from reseau.report.weeks import Week, week_of
from reseau.rules.base import Finding
from reseau.rules.r009_reconnect import Reconnect, reconnects
from reseau.schema import enum
from reseau.views.suggest import Suggestion, suggest

METRICS = (
    "interactions",
    "new_contacts",
    "referrals",
    "promises_made",
    "promises_kept",
    "stage_changes",
)
OWED = ("next", "referral", "inform", "promise")  # kinds that can break; `planned` cannot
TREND_WEEKS = 4
APPROACH = 3  # people shown under "whom to approach next"
COMING_DAYS = 7
STALE_DAYS = 365  # a loop more than this late is summarised, not listed
THIS_WEEK = 7  # actions at the top of the report
# "This week" takes at most this many of each kind first, then fills with the rest in the
# same order: a long list of broken chains leaves room for what is due and for a reconnect.
THIS_WEEK_SHARE = (("broken", 4), ("coming", 2), ("reconnect", 1))
LOOP_RULES = {"promise": "R006", "referral": "R004", "inform": "R005", "next": "R007"}
_DEFAULT_LEVELS: dict[str, Level] = {"R006": "error", "R004": "warning", "R005": "warning"}
_LEVEL_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class WeekFigures:
    week: Week
    counts: tuple[tuple[str, int], ...]  # (metric, count) in METRICS order

    def count(self, metric: str) -> int:
        return dict(self.counts)[metric]


@dataclass(frozen=True)
class BrokenGroup:
    people: tuple[str, ...]  # whom to contact (any of them closes the loops)
    loops: tuple[Loop, ...]  # most late first


@dataclass(frozen=True)
class Action:
    """One line of "This week": a loop to close (broken or coming) or a person to reconnect with."""

    why: Literal["broken", "coming", "reconnect"]
    people: tuple[str, ...]
    loop: Loop | None = None
    reconnect: Reconnect | None = None


@dataclass(frozen=True)
class Chain:
    links: tuple[str, ...]  # contact ids, the one known directly first
    opportunity: str | None  # the chain ends at this opportunity
    loops: tuple[Loop, ...]  # open loops carried by the chain, by due date


@dataclass(frozen=True)
class Reciprocity:
    contact: str
    gave: tuple[tuple[str, int], ...]  # (what, times), sorted by what
    received: tuple[tuple[str, int], ...]

    @property
    def gave_total(self) -> int:
        return sum(n for _, n in self.gave)

    @property
    def received_total(self) -> int:
        return sum(n for _, n in self.received)

    @property
    def balance(self) -> int:
        return self.gave_total - self.received_total


@dataclass(frozen=True)
class OpportunityLine:
    opportunity: Opportunity
    current: Stage  # the latest stage on or before as-of
    chain: tuple[str, ...]  # referral chain, the one known directly first
    moved: tuple[Stage, ...]  # stages dated in the week (on or before as-of)


@dataclass(frozen=True)
class Report:
    ledger: Ledger
    as_of: dt.date
    week: Week
    trend: tuple[WeekFigures, ...]  # the four previous weeks, then this week
    goals: tuple[tuple[str, int], ...]
    problem_counts: tuple[tuple[str, int], ...]  # (level, count) for error, warning, info
    broken: tuple[BrokenGroup, ...]  # loops at most STALE_DAYS late, most urgent people first
    stale: tuple[Loop, ...]  # loops more than STALE_DAYS late, the oldest first
    coming: tuple[Loop, ...]
    reconnect: tuple[Reconnect, ...]
    reconnect_off: bool  # R009 is turned off in reseau.yaml
    chains: tuple[Chain, ...]
    reciprocity: tuple[Reciprocity, ...]
    stage_counts: tuple[tuple[str, int], ...]
    opportunities: tuple[OpportunityLine, ...]
    activity: Activity
    approach: tuple[Suggestion, ...] = ()  # whom to approach next (`reseau suggest`), a few
    this_week: tuple[Action, ...] = ()  # at most THIS_WEEK actions, most urgent first

    @property
    def figures(self) -> WeekFigures:
        return self.trend[-1]


def build_report(
    ledger: Ledger,
    problems: list[Problem],
    loops: list[Loop],
    as_of: dt.date,
    week: Week,
    activity: Activity,
) -> Report:
    trend = trend_figures(
        ledger, [week.shifted(-back) for back in range(TREND_WEEKS, -1, -1)], as_of
    )
    goals = tuple((m, int(ledger.settings.goals[m])) for m in METRICS if m in ledger.settings.goals)
    levels = Counter(p.level for p in problems)
    # Only open loops are broken, coming or carried by a chain: most loops of a long-kept
    # ledger are closed, so the three sections read the open ones only.
    still_open = [loop for loop in loops if loop.is_open()]
    broken = broken_chains(ledger, still_open, as_of)
    coming = coming_up(still_open, as_of)
    people_to_reconnect = reconnect(ledger, as_of)
    return Report(
        ledger,
        as_of,
        week,
        trend,
        goals,
        tuple((level, levels[level]) for level in ("error", "warning", "info")),
        broken,
        stale_loops(still_open, as_of),
        coming,
        people_to_reconnect,
        configured_level(ledger, "R009") == "off",
        chains(ledger, still_open, as_of),
        reciprocity(ledger, as_of),
        stage_counts(ledger, as_of),
        opportunity_lines(ledger, as_of, week),
        activity,
        tuple(suggest(ledger, as_of)[:APPROACH]),
        this_week(broken, coming, people_to_reconnect),
    )


def first_seen(ledger: Ledger, as_of: dt.date) -> list[dt.date]:
    """The date of the first interaction that happened with each contact ever seen."""
    firsts = []
    for cid in ledger.contacts:
        first = next((i for i in ledger.by_contact.get(cid, ()) if i.happened(as_of)), None)
        if first is not None:
            firsts.append(first.date)
    return firsts


def week_figures(
    ledger: Ledger, week: Week, as_of: dt.date, firsts: list[dt.date] | None = None
) -> WeekFigures:
    """What happened in the week, counting only what happened on or before as-of."""
    return trend_figures(ledger, [week], as_of, firsts)[0]


def trend_figures(
    ledger: Ledger, weeks: list[Week], as_of: dt.date, firsts: list[dt.date] | None = None
) -> tuple[WeekFigures, ...]:
    """week_figures for each week, reading the ledger once for all of them."""
    counts = {week: dict.fromkeys(METRICS, 0) for week in weeks}
    first_day = min(week.start for week in weeks)
    last_day = max(week.end for week in weeks)

    def bucket(day: dt.date) -> dict[str, int] | None:
        """The counts of the week holding day, if it is one of the weeks."""
        return counts.get(week_of(day)) if first_day <= day <= last_day else None

    for inter in ledger.interactions.values():
        if not inter.happened(as_of):
            continue
        if (found := bucket(inter.date)) is not None:
            found["interactions"] += 1
            found["referrals"] += sum(1 for r in inter.received if r.referral is not None)
            found["promises_made"] += len(inter.promised)
        for promise in inter.promised:
            if (
                promise.done is not None
                and promise.done <= as_of
                and (found := bucket(promise.done)) is not None
            ):
                found["promises_kept"] += 1
    for day in first_seen(ledger, as_of) if firsts is None else firsts:
        if (found := bucket(day)) is not None:
            found["new_contacts"] += 1
    for opp in ledger.opportunities.values():
        for stage in opp.stages:
            if stage.date <= as_of and (found := bucket(stage.date)) is not None:
                found["stage_changes"] += 1
    return tuple(WeekFigures(week, tuple((m, counts[week][m]) for m in METRICS)) for week in weeks)


def _loop_key(loop: Loop) -> tuple[dt.date, str, str, tuple[str, ...]]:
    return (loop.due, loop.path, repr(loop.at), loop.people)


def loop_level(ledger: Ledger, loop: Loop, as_of: dt.date) -> Level:
    """The level its rule gives a broken loop: reseau.yaml's, else the rule's own (R004 is an
    error once a referral waited twice its allowance)."""
    rule = LOOP_RULES[loop.kind]
    conf = configured_level(ledger, rule)
    for level in LEVELS:
        if conf == level:
            return level
    if conf == "off":
        return "info"
    if loop.kind == "referral" and loop.days_late(as_of) > (loop.due - loop.opened).days:
        return "error"
    return _DEFAULT_LEVELS.get(rule, "warning")


Urgency = tuple[bool, int, float, dt.date, str, str, tuple[str, ...]]


def loop_urgency(ledger: Ledger, loop: Loop, as_of: dt.date) -> Urgency:
    """Most urgent first: loops at most STALE_DAYS late before older ones, errors before
    warnings, then by days late relative to the loop's allowance (the days between its
    opening and its due date, at least one), then by due date and file; loops not due yet
    after them all, by due date."""
    late = loop.days_late(as_of)
    allowance = max(1, (loop.due - loop.opened).days)
    if late <= 0:  # not due yet: by due date, after every broken loop
        return (False, len(_LEVEL_RANK), 0.0, *_loop_key(loop))
    level = _LEVEL_RANK[loop_level(ledger, loop, as_of)]
    # A correctly rounded quotient: equal ratios give equal floats, on every platform.
    return (late > STALE_DAYS, level, -late / allowance, *_loop_key(loop))


def broken_chains(ledger: Ledger, loops: list[Loop], as_of: dt.date) -> tuple[BrokenGroup, ...]:
    """Open loops past their date (at most STALE_DAYS), grouped by whom to contact; the
    people with the most urgent loop first, each group's loops most urgent first."""
    groups: dict[tuple[str, ...], list[tuple[Urgency, Loop]]] = {}
    for loop in loops:
        if loop.kind in OWED and loop.overdue(as_of) and loop.days_late(as_of) <= STALE_DAYS:
            key = loop_urgency(ledger, loop, as_of)
            groups.setdefault(loop.people, []).append((key, loop))
    ordered = []
    for people, found in groups.items():
        found.sort(key=lambda pair: pair[0])
        ordered.append(((found[0][0], people), BrokenGroup(people, tuple(lp for _, lp in found))))
    ordered.sort(key=lambda pair: pair[0])
    return tuple(group for _, group in ordered)


def stale_loops(loops: list[Loop], as_of: dt.date) -> tuple[Loop, ...]:
    """Open loops more than STALE_DAYS past their date, the oldest first."""
    return tuple(
        sorted(
            (lp for lp in loops if lp.kind in OWED and lp.days_late(as_of) > STALE_DAYS),
            key=_loop_key,
        )
    )


def this_week(
    broken: tuple[BrokenGroup, ...], coming: tuple[Loop, ...], people: tuple[Reconnect, ...]
) -> tuple[Action, ...]:
    """At most THIS_WEEK actions, one per person: the most urgent loop of the most urgent
    people, then loops due in the next days (planned meetings need no action), then people
    to reconnect with; each kind first up to its THIS_WEEK_SHARE, then the rest in order."""
    pools: dict[str, list[Action]] = {
        "broken": [Action("broken", g.people, loop=g.loops[0]) for g in broken],
        "coming": [Action("coming", lp.people, loop=lp) for lp in coming if lp.kind in OWED],
        "reconnect": [Action("reconnect", (r.contact.id,), reconnect=r) for r in people],
    }
    chosen: dict[str, list[Action]] = {why: [] for why, _ in THIS_WEEK_SHARE}
    seen: set[str] = set()

    def take(why: str, limit: int) -> None:
        pool = pools[why]
        while pool and len(chosen[why]) < limit and sum(map(len, chosen.values())) < THIS_WEEK:
            action = pool.pop(0)
            if seen.isdisjoint(action.people):
                seen.update(action.people)
                chosen[why].append(action)

    for why, share in THIS_WEEK_SHARE:
        take(why, share)
    for why, _ in THIS_WEEK_SHARE:
        take(why, THIS_WEEK)
    return tuple(action for why, _ in THIS_WEEK_SHARE for action in chosen[why])


def coming_up(loops: list[Loop], as_of: dt.date, days: int = COMING_DAYS) -> tuple[Loop, ...]:
    """Open loops due from as-of to as-of + days, by date."""
    end = as_of + dt.timedelta(days=days)
    return tuple(
        sorted((lp for lp in loops if lp.is_open() and as_of <= lp.due <= end), key=_loop_key)
    )


def reconnect(ledger: Ledger, as_of: dt.date) -> tuple[Reconnect, ...]:
    """Whom R009 reports (its waivers and `off` applied), the furthest past their cadence first."""
    if configured_level(ledger, "R009") == "off":
        return ()
    found = [
        item
        for item in reconnects(ledger, as_of)
        if not waived(
            ledger,
            "R009",
            Finding(item.contact.path, 0, 0, "", about=(item.contact.id,)),
            as_of,
        )
    ]
    return tuple(sorted(found, key=lambda r: (-r.ratio, r.contact.name, r.contact.id)))


def loop_chain(
    ledger: Ledger,
    loop: Loop,
    introduction: Callable[[Ledger, str], tuple[str, ...]] = introduction_chain,
) -> tuple[tuple[str, ...], str | None]:
    """The chain a loop belongs to: contact ids (known directly first) and an opportunity.

    introduction: introduction_chain, or a memo of it when asked for many loops."""
    source = loop.source
    if isinstance(source, Opportunity) and source.via is not None:
        return introduction(ledger, source.via), source.id
    if loop.kind == "inform" and loop.subject is not None:
        return introduction(ledger, loop.subject), None
    if loop.kind == "referral" and loop.subject is not None and isinstance(source, Interaction):
        referrers = [c for c in source.with_ if c in ledger.contact_ids]
        if referrers:
            return (*introduction(ledger, referrers[0]), loop.subject), None
    return introduction(ledger, loop.people[0]), None


class _Links(tuple[str, ...]):
    """An introduction chain that is hashed once: a chain thousands of links long keys the
    chains found for each of its loops (a tuple hashes all its items every time)."""

    _hash: int

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = tuple.__hash__(self)
            return self._hash


def chains(ledger: Ledger, loops: list[Loop], as_of: dt.date) -> tuple[Chain, ...]:
    """Chains of at least two links that still carry an open loop; the chain with the most
    urgent loop first (loop_urgency), each chain's loops most urgent first."""
    found: dict[tuple[tuple[str, ...], str | None], list[Loop]] = {}
    known: dict[str, tuple[str, ...]] = {}

    def introduction(ledger: Ledger, cid: str) -> tuple[str, ...]:
        if cid not in known:
            known[cid] = _Links(introduction_chain(ledger, cid))
        return known[cid]

    for loop in loops:
        if not loop.is_open() or not loop.people:
            continue
        links, opp = loop_chain(ledger, loop, introduction)
        if len(links) + (opp is not None) >= 2:
            found.setdefault((links, opp), []).append(loop)
    result = []
    for (links, opp), held in found.items():
        keyed = sorted(((loop_urgency(ledger, lp, as_of), lp) for lp in held), key=lambda p: p[0])
        chain = Chain(links, opp, tuple(lp for _, lp in keyed))
        result.append(((keyed[0][0], links, opp or ""), chain))
    result.sort(key=lambda pair: pair[0])
    return tuple(chain for _, chain in result)


def reciprocity(ledger: Ledger, as_of: dt.date) -> tuple[Reciprocity, ...]:
    """Per contact, what you gave and received in what happened; most lopsided first."""
    keyed: list[tuple[tuple[int, int, str, str], Reciprocity]] = []
    for cid in sorted(ledger.contacts):
        gave: list[str] = []  # every item, counted once per contact below
        received: list[str] = []
        for inter in ledger.by_contact.get(cid, ()):
            if inter.happened(as_of):
                gave += inter.gave
                # A kept promise is a gift to the people of its interaction (docs/chains-and-loops.md).
                gave += [
                    "promise" for p in inter.promised if p.done is not None and p.done <= as_of
                ]
                received += [r.word if r.word is not None else "referral" for r in inter.received]
        if gave or received:
            balance = len(gave) - len(received)
            row = Reciprocity(cid, _tally(gave), _tally(received))
            keyed.append(((-abs(balance), balance, ledger.name(cid), cid), row))
    keyed.sort(key=lambda pair: pair[0])
    return tuple(row for _, row in keyed)


def _tally(words: list[str]) -> tuple[tuple[str, int], ...]:
    """(word, times) sorted by word; lists here are short, so counting each word is quick."""
    return tuple((word, words.count(word)) for word in sorted(set(words)))


def stage_counts(ledger: Ledger, as_of: dt.date) -> tuple[tuple[str, int], ...]:
    counts = Counter(
        stage.stage
        for opp in ledger.opportunities.values()
        if (stage := current_stage(opp, as_of)) is not None
    )
    return tuple(
        sorted(
            counts.items(), key=lambda kv: STAGES.index(kv[0]) if kv[0] in STAGES else len(STAGES)
        )
    )


STAGES = enum("opportunity", "/properties/stages/items/properties/stage")


def opportunity_lines(ledger: Ledger, as_of: dt.date, week: Week) -> tuple[OpportunityLine, ...]:
    lines = []
    for oid in sorted(ledger.opportunities):
        opp = ledger.opportunities[oid]
        current = current_stage(opp, as_of)
        if current is None:
            continue
        chain = (
            introduction_chain(ledger, opp.via)
            if opp.via is not None and opp.via in ledger.contact_ids
            else ()
        )
        moved = tuple(s for s in opp.stages if week.holds(s.date) and s.date <= as_of)
        lines.append(OpportunityLine(opp, current, chain, moved))
    return tuple(
        sorted(
            lines,
            key=lambda line: (
                bool(line.moved) is False,
                -line.current.date.toordinal(),
                line.opportunity.id,
            ),
        )
    )
