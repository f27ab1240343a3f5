"""The report as GitHub-flavoured Markdown: one function per section, then privacy scrubbing."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import quote

from reseau.formats import escape
from reseau.loops import Loop
from reseau.present import HEADINGS, Lang, Words
from reseau.records import Interaction, Opportunity
from reseau.report.model import Action, Report
from reseau.report.pictures import chart, drawn_chains, only_chains
from reseau.report.privacy import scrub
from reseau.report.words import ReportWords
from reseau.views.graph import mermaid, network
from reseau.views.suggest import through, why

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_BRACKETED = re.compile(r"[\s()<>]")  # a link target holding these goes in <...>


# Long lists are cut so the review reads in a few screens; `agenda`, `show` and `graph`
# give everything (docs/cli.md says which section shows how many).
SHOWN = 5  # items of Reconnect, Reciprocity, Opportunities (the table, and what moved)
COMING = 10  # loops of Coming up
COMMITS = 10  # commits of Ledger activity
BROKEN_PEOPLE = 25  # people whose every broken loop is listed
FURTHER_PEOPLE = 10  # then one line for each of this many more people
CHAINS = 5  # chains listed
CHAIN_LOOPS = 2  # loops listed under a chain


def text(value: str) -> str:
    """User text made inert: no emphasis, links, HTML or table breaks; one line."""
    line = escape(" ".join(value.split()))  # no terminal control reaches `report`'s stdout
    # Most text needs no escape, and searching is much cheaper than an empty sub.
    return _SPECIAL.sub(r"\\\1", line) if _SPECIAL.search(line) else line


def link(label: str, path: str, prefix: str) -> str:
    """A Markdown link to a ledger file; prefix is a folder, or a URL (`report --link-base`)."""
    if "://" in prefix:
        return f"[{label}]({prefix.rstrip('/')}/{quote(path)})"
    target = posixpath.normpath(posixpath.join(prefix, path)) if prefix else path
    if _BRACKETED.search(target):
        target = f"<{target}>"
    return f"[{label}]({target})"


def table(
    headers: list[str], rows: list[list[str]], right: frozenset[int] | set[int] = frozenset()
) -> str:
    head = "| " + " | ".join(headers) + " |"
    rule = "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"
    body = ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join([head, rule, *body])


class _Renderer:
    def __init__(self, report: Report, lang: Lang, prefix: str) -> None:
        self.r = report
        self.w = Words(lang)
        self.rw = ReportWords(lang)
        self.prefix = prefix
        # Loop lines share due dates: each phrase is made once.
        self.whens: dict[dt.date, str] = {}

    def name(self, cid: str) -> str:
        return text(self.r.ledger.name(cid))

    def loop_line(self, loop: Loop) -> str:
        w, r = self.w, self.r
        when = self.whens.get(loop.due)
        if when is None:
            when = self.whens[loop.due] = w.when(loop, r.as_of)  # depends on the due date only
        return f"- {self.do(loop)} — {self.to(when, loop.path)}"

    def to(self, label: str, path: str) -> str:
        """label (already inert) linked to a ledger file."""
        return link(label, path, self.prefix)

    def title(self) -> str:
        w, r = self.w, self.r
        span = w.span(r.week.start, r.week.end)
        owner = r.ledger.settings.owner
        week = w.tr.week(r.week.year, r.week.number)  # 2016-W26, S26 2016
        head = (
            w("title_owner", owner=text(owner), week=week, span=span)
            if owner
            else w("title", week=week, span=span)
        )
        line = w("as_of", date=w.long_date(r.as_of))
        if r.week.holds(r.as_of) and r.as_of < r.week.end:
            line += " " + w("partial")
        return f"# {head}\n\n{line}\n"

    def glance(self) -> str:
        w, rw, r = self.w, self.rw, self.r
        goals = dict(r.goals)
        headers = [
            w("metric"),
            *(rw.week(f.week.number) for f in r.trend[:-1]),
            f"**{rw.week(r.week.number)}**",
            w("goal"),
        ]
        rows = []
        for metric, _ in r.figures.counts:
            cells = [str(f.count(metric)) for f in r.trend]
            cells[-1] = f"**{cells[-1]}**"
            rows.append([w(metric), *cells, str(goals[metric]) if metric in goals else "—"])
        out = [self.this_week(), table(headers, rows, right=set(range(1, len(headers))))]
        if goals:
            items = []
            for metric, goal in r.goals:
                count = r.figures.count(metric)
                items.append(
                    w("of_goal", metric=w(metric), count=count, goal=goal)
                    + (" ✓" if count >= goal else "")
                )
            out.append(w("goals_line", items=", ".join(items)))
        else:
            out.append(w("no_goals"))
        out.append(self.chart())
        counts = dict(r.problem_counts)
        if counts["error"] == counts["warning"] == 0:
            out.append(w("check_clean"))
        else:
            out.append(
                rw(
                    "check",
                    **{key: rw.plural(key, counts[level]) for key, level in CHECK_COUNTS},
                )
            )
        out.append(self.approach())
        return "\n\n".join(out) + "\n"

    def this_week(self) -> str:
        """At most seven numbered actions, each with the person, what to do and why."""
        rw = self.rw
        if not self.r.this_week:
            return f"### {rw('this_week')}\n\n{rw('this_week_none')}"
        lines = [f"{n}. {self.action_line(a)}" for n, a in enumerate(self.r.this_week, 1)]
        return f"### {rw('this_week')}\n\n" + "\n".join(lines)

    def action_line(self, action: Action) -> str:
        w, rw, r = self.w, self.rw, self.r
        if action.reconnect is not None:
            item = action.reconnect
            what = rw("do_reconnect", person=f"**{text(item.contact.name)}**")
            why = rw(
                "why_reconnect",
                date=w.date(item.last.date, r.as_of),
                days=rw.days(item.days),
                cadence=rw.days(item.cadence),
            )
            return f"{what} — {self.to(why, item.contact.path)}"
        assert action.loop is not None
        loop = action.loop
        return f"{self.do(loop)} — {self.to(rw.when(loop.due, r.as_of), loop.path)}"

    def do(self, loop: Loop) -> str:
        """What to do about a loop, the people to contact in bold, other text made inert."""
        w, rw = self.w, self.rw
        person = w("or").join(f"**{self.name(c)}**" for c in loop.people)
        source = loop.source
        if loop.kind == "promise":
            return rw("do_promise", person=person, text=text(loop.action))
        if loop.kind == "next":
            return rw("do_next", person=person, text=text(loop.action))
        if loop.kind == "planned":
            names = [f"**{self.name(c)}**" for c in loop.people]
            together = (
                w("and").join(names[:-1]) + w("and_last") + names[-1] if names[1:] else names[0]
            )
            assert isinstance(source, Interaction)
            return w(
                "planned",
                people=together,
                channel=w.channel(source.channel or "meeting"),
                text=text(source.summary or source.id),
            )
        if loop.kind == "referral":
            by = [self.name(c) for c in source_people(source) if c != loop.subject]
            if by:
                return rw("do_referral", person=person, by=w("and").join(by))
            return rw("do_referral_bare", person=person)
        if isinstance(source, Opportunity):
            index = loop.at[1] if len(loop.at) > 1 and isinstance(loop.at[1], int) else -1
            return rw(
                "do_inform_opp",
                person=person,
                title=text(source.title),
                org=text(source.organization),
                stage=w.stage(source.stages[index].stage),
            )
        return rw("do_inform", person=person, subject=self.name(loop.subject or ""))

    def approach(self) -> str:
        """Whom to approach next: a few lines of `reseau suggest`."""
        w, r = self.w, self.r
        if not r.approach:
            return w("suggest_none")
        lines = [w("suggest_title"), ""]
        for s in r.approach:
            lines.append(
                f"- **{self.to(text(s.contact.name), s.contact.path)}** — "
                f"{text(why(w, r.ledger, s, r.as_of))}"
                f"{w('semicolon')}{text(through(w, r.ledger, s, r.as_of))}"
            )
        return "\n".join(lines)

    def chart(self) -> str:
        w, rw, r = self.w, self.rw, self.r
        goal = dict(r.goals).get("interactions")
        return chart(
            rw("chart_title", goal=goal) if goal is not None else rw("chart_title_bare"),
            w("chart_y"),
            [(rw.week(f.week.number), f.count("interactions")) for f in r.trend],
            goal,
        )

    def broken(self) -> str:
        w, rw, r = self.w, self.rw, self.r
        out = []
        if not r.broken:
            out.append(rw("broken_none_recent") if r.stale else w("broken_none"))
        else:
            # One line per loop, each person's together: the name in bold starts the group.
            lines = [self.loop_line(lp) for g in r.broken[:BROKEN_PEOPLE] for lp in g.loops]
            out.append("\n".join(lines))
        further = r.broken[BROKEN_PEOPLE : BROKEN_PEOPLE + FURTHER_PEOPLE]
        if further:
            lines = [rw("broken_further"), ""]
            for group in further:
                oldest = max(lp.days_late(r.as_of) for lp in group.loops)
                count = rw.plural("further", len(group.loops), days=rw.days(oldest))
                lines.append(
                    f"- **{self.people(group.people)}** — {self.to(count, group.loops[0].path)}"
                )
            left = len(r.broken) - BROKEN_PEOPLE - len(further)
            if left > 0:
                lines.extend(["", rw.plural("more_people", left)])
            out.append("\n".join(lines))
        if r.stale:
            out.append(rw.plural("stale", len(r.stale), date=w.date(r.stale[0].due, r.as_of)))
        return "\n\n".join(out) + "\n"

    def people(self, ids: tuple[str, ...]) -> str:
        return self.w("or").join(self.name(c) for c in ids)

    def coming(self) -> str:
        if not self.r.coming:
            return self.w("coming_none") + "\n"
        lines = [self.loop_line(lp) for lp in self.r.coming[:COMING]]
        lines.extend(self.more(len(self.r.coming), "more_agenda", COMING))
        return "\n".join(lines) + "\n"

    def reconnect(self) -> str:
        w, r = self.w, self.r
        if r.reconnect_off:
            return w("reconnect_off") + "\n"
        if not r.reconnect:
            return w("reconnect_none") + "\n"
        lines = []
        for item in r.reconnect[:SHOWN]:
            org = f" ({text(item.contact.organization)})" if item.contact.organization else ""
            detail = w(
                "reconnect_item",
                date=w.date(item.last.date, r.as_of),
                days=w.days(item.days),
                cadence=w.days(item.cadence),
            )
            name = self.to(text(item.contact.name), item.contact.path)
            lines.append(f"- **{name}**{org} — {detail}")
        lines.extend(self.more(len(r.reconnect), "more_agenda"))
        return "\n".join(lines) + "\n"

    def more(self, total: int, where: str, shown: int = SHOWN) -> list[str]:
        """The line that says how much a cut list left out (none when nothing was cut)."""
        if total <= shown:
            return []
        said = self.rw(where) if where in REPORT_KEYS else self.w(where)
        return ["", self.w("more", n=total - shown, where=said)]

    def chains(self) -> str:
        w, r = self.w, self.r
        net = network(
            r.ledger,
            r.as_of,
            everyone=False,
            opp_label=lambda title, org: w("opp_label", title=title, org=org),
        )
        if not net.edges:
            return w("chains_none") + "\n"
        if not r.chains:
            return w("chains_open_none") + "\n"
        # A whole network is no picture: the graph draws the most urgent chains only.
        drawn = drawn_chains(r.chains[:CHAINS])
        out = [self.rw("chains_intro")]
        out.append("```mermaid\n" + mermaid(only_chains(net, drawn), labels=False) + "```")
        shown = r.chains[:CHAINS]
        if len(drawn) < len(shown):
            out.append(self.rw("chains_more_graph", shown=len(drawn)))
        lines = []
        for chain in shown:
            links = [self.name(c) for c in chain.links]
            if chain.opportunity is not None:
                opp = r.ledger.opportunities[chain.opportunity]
                links.append(text(w("opp_label", title=opp.title, org=opp.organization)))
            lines.append(f"- **{' → '.join(links)}**")
            lines.extend("  " + self.loop_line(lp) for lp in chain.loops[:CHAIN_LOOPS])
            if len(chain.loops) > CHAIN_LOOPS:
                lines.append("  - " + self.rw.plural("more_loops", len(chain.loops) - CHAIN_LOOPS))
        lines.extend(self.more(len(r.chains), "more_agenda", CHAINS))
        out.append("\n".join(lines))
        return "\n\n".join(out) + "\n"

    def reciprocity(self) -> str:
        w, r = self.w, self.r
        if not r.reciprocity:
            return w("recip_none") + "\n"

        def items(pairs: tuple[tuple[str, int], ...]) -> str:
            total = sum(n for _, n in pairs)
            detail = ", ".join(f"{text(w.item(k))} {n}" for k, n in pairs)
            return f"{total} ({detail})" if pairs else "0"

        rows = []
        for row in r.reciprocity[:SHOWN]:
            contact = r.ledger.contacts[row.contact]
            balance = f"+{row.balance}" if row.balance > 0 else str(row.balance)
            rows.append(
                [
                    link(text(contact.name), contact.path, self.prefix),
                    items(row.gave),
                    items(row.received),
                    balance,
                ]
            )
        more = self.more(len(r.reciprocity), "more_show")
        return (
            table([w("contact"), w("gave"), w("received"), w("balance")], rows, right={3})
            + "\n"
            + "\n".join(more)
            + ("\n" if more else "")
        )

    def opportunities(self) -> str:
        w, r = self.w, self.r
        if not r.opportunities:
            return w("opp_none") + "\n"
        stages = ", ".join(f"{w.stage(name)} {n}" for name, n in r.stage_counts)
        out = [w("opp_stages", items=stages)]
        rows = []
        for line in r.opportunities[:SHOWN]:
            opp = line.opportunity
            label = text(w("opp_label", title=opp.title, org=opp.organization))
            chain = " → ".join(self.name(c) for c in line.chain) or w("direct")
            now = f"{w.stage(line.current.stage)} ({w.date(line.current.date, r.as_of)})"
            rows.append([link(label, opp.path, self.prefix), now, chain])
        out.append(
            table([w("opportunity"), w("stage"), w("came_through")], rows)
            + "".join(f"\n{line}" for line in self.more(len(r.opportunities), "more_opps"))
        )
        moved = [line for line in r.opportunities if line.moved]
        if not moved:
            out.append(w("opp_moved_none"))
        else:
            lines = [w("opp_moved"), ""]
            for line in moved[:SHOWN]:
                opp = line.opportunity
                label = text(w("opp_label", title=opp.title, org=opp.organization))
                for stage in line.moved:
                    note = f" — {text(stage.note)}" if stage.note else ""
                    lines.append(
                        f"- {self.to(label, opp.path)}{w('colon')}**{w.stage(stage.stage)}** "
                        f"({w.date(stage.date, r.as_of)}){note}"
                    )
            lines.extend(self.more(len(moved), "more_opps"))
            out.append("\n".join(lines))
        return "\n\n".join(out) + "\n"

    def activity(self) -> str:
        w, act = self.w, self.r.activity
        if act.status == "not-git":
            return w("activity_not_git") + "\n"
        if act.status == "no-commits":
            return w("activity_no_commits") + "\n"
        if not act.commits:
            return w("activity_none") + "\n"
        rows = []
        for commit in act.commits[:COMMITS]:
            shown = [f"`{f}`" for f in commit.files[:5]]
            if len(commit.files) > 5:
                shown.append(f"+{len(commit.files) - 5}")
            rows.append(
                [f"`{commit.sha}`", commit.date.isoformat(), text(commit.subject), ", ".join(shown)]
            )
        return (
            w("activity_intro")
            + "\n\n"
            + table([w("commit"), w("date"), w("subject"), w("files")], rows)
            + "\n"
            + "".join(f"{line}\n" for line in self.more(len(act.commits), "more_git", COMMITS))
        )


CHECK_COUNTS = (("errors", "error"), ("warnings", "warning"), ("info", "info"))
REPORT_KEYS = frozenset({"more_git"})  # `more` places from reseau.report.words


def source_people(source: Interaction | Opportunity) -> tuple[str, ...]:
    return source.with_ if isinstance(source, Interaction) else ()


def render(report: Report, lang: Lang = "en", link_prefix: str = "") -> str:
    """The whole report. link_prefix: the ledger root as seen from the report's folder."""
    out = _Renderer(report, lang, link_prefix)
    sections = (
        out.glance,
        out.broken,
        out.coming,
        out.reconnect,
        out.chains,
        out.reciprocity,
        out.opportunities,
        out.activity,
    )
    parts = [out.title()]
    for heading, section in zip(HEADINGS[lang], sections, strict=False):
        parts.append(f"## {heading}\n\n{section()}")
    return scrub("\n".join(parts), report.ledger)
