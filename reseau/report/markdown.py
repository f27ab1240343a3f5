"""The report as GitHub-flavoured Markdown: one function per section, then privacy scrubbing."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import quote

from reseau.formats import escape
from reseau.loops import Loop
from reseau.present import HEADINGS, Lang, Words
from reseau.report.model import Chain, Report
from reseau.report.privacy import scrub
from reseau.views.graph import EdgeKind, Network, mermaid, network
from reseau.views.suggest import through, why

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_BRACKETED = re.compile(r"[\s()<>]")  # a link target holding these goes in <...>


# Long lists are cut so the review reads in two minutes; `agenda`, `show` and `graph`
# give everything. Broken chains are never cut: docs/cli.md lists every one.
SHOWN = 25
GRAPH_NODES = 60


def only_chains(net: Network, chains: list[Chain] | tuple[Chain, ...]) -> Network:
    """The part of the network the listed chains go through."""
    keep = {f"c:{cid}" for chain in chains for cid in chain.links}
    keep |= {f"o:{chain.opportunity}" for chain in chains if chain.opportunity}
    return Network(
        tuple(n for n in net.nodes if n.key in keep),
        tuple(e for e in net.edges if e.source in keep and e.target in keep),
    )


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


def file_link(path: str, prefix: str) -> str:
    return link(text(path.rsplit("/", 1)[-1]), path, prefix)


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
        self.prefix = prefix
        # Thousands of loop lines share files and due dates: each phrase is made once.
        self.file_links: dict[str, str] = {}
        self.whens: dict[dt.date, str] = {}

    def name(self, cid: str) -> str:
        return text(self.r.ledger.name(cid))

    def loop_line(self, loop: Loop) -> str:
        w, r = self.w, self.r
        when = self.whens.get(loop.due)
        if when is None:
            when = self.whens[loop.due] = w.when(loop, r.as_of)  # depends on the due date only
        return f"- {text(w.action(r.ledger, loop))} — {when} · {self.file_link(loop.path)}"

    def file_link(self, path: str) -> str:
        if path not in self.file_links:
            self.file_links[path] = file_link(path, self.prefix)
        return self.file_links[path]

    def title(self) -> str:
        w, r = self.w, self.r
        span = w.span(r.week.start, r.week.end)
        owner = r.ledger.settings.owner
        head = (
            w("title_owner", owner=text(owner), week=r.week.label, span=span)
            if owner
            else w("title", week=r.week.label, span=span)
        )
        line = w("as_of", date=w.long_date(r.as_of))
        if r.week.holds(r.as_of) and r.as_of < r.week.end:
            line += " " + w("partial")
        return f"# {head}\n\n{line}\n"

    def glance(self) -> str:
        w, r = self.w, self.r
        goals = dict(r.goals)
        headers = [
            w("metric"),
            *(f.week.short for f in r.trend[:-1]),
            f"**{r.week.short}**",
            w("goal"),
        ]
        rows = []
        for metric, _ in r.figures.counts:
            cells = [str(f.count(metric)) for f in r.trend]
            cells[-1] = f"**{cells[-1]}**"
            rows.append([w(metric), *cells, str(goals[metric]) if metric in goals else "—"])
        out = [table(headers, rows, right=set(range(1, len(headers))))]
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
                w("check", errors=counts["error"], warnings=counts["warning"], info=counts["info"])
            )
        out.append(self.approach())
        return "\n\n".join(out) + "\n"

    def approach(self) -> str:
        """Whom to approach next: a few lines of `reseau suggest`."""
        w, r = self.w, self.r
        if not r.approach:
            return w("suggest_none")
        lines = [w("suggest_title"), ""]
        for s in r.approach:
            lines.append(
                f"- **{text(s.contact.name)}** — {text(why(w, r.ledger, s, r.as_of))}"
                f"{w('semicolon')}{text(through(w, r.ledger, s, r.as_of))}"
                f" · {self.file_link(s.contact.path)}"
            )
        return "\n".join(lines)

    def chart(self) -> str:
        w, r = self.w, self.r
        values = [f.count("interactions") for f in r.trend]
        goal = dict(r.goals).get("interactions")
        top = max([*values, goal or 0, 1]) + 1
        labels = ", ".join(f'"{f.week.short}"' for f in r.trend)
        lines = [
            "```mermaid",
            "xychart-beta",
            f'  title "{w("chart_title")}"',
            f"  x-axis [{labels}]",
            f'  y-axis "{w("chart_y")}" 0 --> {top}',
            f"  bar [{', '.join(map(str, values))}]",
        ]
        if goal is not None:
            lines.append(f"  line [{', '.join([str(goal)] * len(values))}]")
        lines.append("```")
        return "\n".join(lines)

    def broken(self) -> str:
        if not self.r.broken:
            return self.w("broken_none") + "\n"
        out = []
        for group in self.r.broken:
            out.append(f"### {text(self.w.people(self.r.ledger, group.people))}\n")
            out.append("\n".join(self.loop_line(lp) for lp in group.loops) + "\n")
        return "\n".join(out)

    def coming(self) -> str:
        if not self.r.coming:
            return self.w("coming_none") + "\n"
        return "\n".join(self.loop_line(lp) for lp in self.r.coming) + "\n"

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
            lines.append(
                f"- **{text(item.contact.name)}**{org} — {detail} · "
                f"{file_link(item.contact.path, self.prefix)}"
            )
        lines.extend(self.more(len(r.reconnect), "more_agenda"))
        return "\n".join(lines) + "\n"

    def more(self, total: int, where: str) -> list[str]:
        """The line that says how much a cut list left out (none when nothing was cut)."""
        if total <= SHOWN:
            return []
        return ["", self.w("more", n=total - SHOWN, where=self.w(where))]

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
        words: dict[EdgeKind, str] = {
            "introduced": w("introduced"),
            "referred": w("referred"),
            "opened": w("opened"),
        }
        shown_chains = r.chains[:SHOWN]
        out = [w("chains_intro")]
        if (
            len(net.nodes) > GRAPH_NODES
        ):  # a whole big network is no picture: draw the listed chains
            out.append(w("more_graph", nodes=len(net.nodes)))
            net = only_chains(net, shown_chains)
        out.append("```mermaid\n" + mermaid(net, words) + "```")
        if not r.chains:
            out.append(w("chains_open_none"))
        else:
            lines = [w("chains_open"), ""]
            for chain in shown_chains:
                links = [self.name(c) for c in chain.links]
                if chain.opportunity is not None:
                    opp = r.ledger.opportunities[chain.opportunity]
                    links.append(text(w("opp_label", title=opp.title, org=opp.organization)))
                lines.append(f"- **{' → '.join(links)}**")
                lines.extend("  " + self.loop_line(lp) for lp in chain.loops)
            lines.extend(self.more(len(r.chains), "more_agenda"))
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
            for line in moved:
                opp = line.opportunity
                label = text(w("opp_label", title=opp.title, org=opp.organization))
                for stage in line.moved:
                    note = f" — {text(stage.note)}" if stage.note else ""
                    lines.append(
                        f"- {label}{w('colon')}**{w.stage(stage.stage)}** "
                        f"({w.date(stage.date, r.as_of)}){note} · "
                        f"{file_link(opp.path, self.prefix)}"
                    )
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
        for commit in act.commits:
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
        )


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
