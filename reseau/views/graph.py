"""Who introduced and referred whom: the network as values, as Mermaid and as Graphviz dot."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reseau.formats import escape
from reseau.ledger import Ledger

EdgeKind = Literal["introduced", "referred", "opened"]
EDGE_WORDS: dict[EdgeKind, str] = {
    "introduced": "introduced",
    "referred": "referred",
    "opened": "opened",
}


@dataclass(frozen=True)
class Node:
    key: str  # "c:<contact id>" or "o:<opportunity id>"
    label: str

    @property
    def is_opportunity(self) -> bool:
        return self.key.startswith("o:")


@dataclass(frozen=True)
class Edge:
    source: str  # node keys
    target: str
    kinds: tuple[EdgeKind, ...]  # introduced (introduced_by), referred (a referral), opened (via)


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def opportunity_label(title: str, organization: str) -> str:
    return f"{title} at {organization}"


def network(
    ledger: Ledger,
    as_of: dt.date,
    everyone: bool = True,
    opp_label: Callable[[str, str], str] = opportunity_label,
) -> Network:
    """Contacts and opportunities, with introduced_by, referral and via edges.

    everyone=False keeps only the nodes that have an edge (the report's view).
    """
    kinds: dict[tuple[str, str], set[EdgeKind]] = {}

    def add(source: str, target: str, kind: EdgeKind) -> None:
        kinds.setdefault((source, target), set()).add(kind)

    for cid in sorted(ledger.contacts):
        introducer = ledger.contacts[cid].introduced_by
        if introducer is not None and introducer in ledger.contact_ids:
            add(f"c:{introducer}", f"c:{cid}", "introduced")
    # Only interactions that received something can refer (edges are sorted at the end).
    for inter in [i for i in ledger.interactions.values() if i.received and i.happened(as_of)]:
        for item in inter.received:
            if item.referral is None or item.referral not in ledger.contact_ids:
                continue
            for giver in inter.with_:
                if giver in ledger.contact_ids and giver != item.referral:
                    add(f"c:{giver}", f"c:{item.referral}", "referred")
    for oid in sorted(ledger.opportunities):
        opp = ledger.opportunities[oid]
        if opp.via is not None and opp.via in ledger.contact_ids:
            add(f"c:{opp.via}", f"o:{oid}", "opened")
    order: tuple[EdgeKind, ...] = ("introduced", "referred", "opened")
    edges = tuple(
        Edge(s, t, tuple(k for k in order if k in found)) for (s, t), found in sorted(kinds.items())
    )
    linked = {e.source for e in edges} | {e.target for e in edges}
    keys = (
        sorted(
            {f"c:{c}" for c in ledger.contacts} | {f"o:{o}" for o in ledger.opportunities} | linked
        )
        if everyone
        else sorted(linked)
    )
    nodes = []
    for key in keys:
        kind, ident = key.split(":", 1)
        if kind == "o":
            opp = ledger.opportunities[ident]
            nodes.append(Node(key, opp_label(opp.title, opp.organization)))
        else:
            nodes.append(Node(key, ledger.name(ident)))
    return Network(tuple(nodes), edges)


def _safe_ids(net: Network) -> dict[str, str]:
    """Node keys as identifiers safe in Mermaid and dot: c_helene_dupre, o_acme_data_analyst."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in net.nodes:
        kind, ident = node.key.split(":", 1)
        base = f"{kind}_" + (re.sub(r"[^a-z0-9]+", "_", ident.lower()).strip("_") or "x")
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        ids[node.key] = name
    return ids


def mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: entity codes for what would end or break it, and
    terminal controls escaped (`\\x1b`), since the graph is printed."""
    return (
        escape(text.replace("\n", " "))
        .replace("#", "#35;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
    )


def mermaid(
    net: Network,
    words: dict[EdgeKind, str] = EDGE_WORDS,
    and_word: str = ", ",
    labels: bool = True,
) -> str:
    """A `graph LR` block body (without the ``` fence).

    labels=False draws no words on the edges, which makes the picture narrower (so its text
    is larger once scaled to a page): a referral is a thick arrow, an opened opportunity a
    dotted one, an introduction alone a plain one."""
    ids = _safe_ids(net)
    lines = ["graph LR"]
    for node in net.nodes:
        label = mermaid_text(node.label)
        shape = f'(["{label}"])' if node.is_opportunity else f'["{label}"]'
        lines.append(f"  {ids[node.key]}{shape}")
    for edge in net.edges:
        if edge.kinds == ("opened",):
            arrow = "-.->"
        else:
            arrow = "==>" if "referred" in edge.kinds and not labels else "-->"
        if labels:
            text = mermaid_text(and_word.join(words[k] for k in edge.kinds))
            lines.append(f'  {ids[edge.source]} {arrow}|"{text}"| {ids[edge.target]}')
        else:
            lines.append(f"  {ids[edge.source]} {arrow} {ids[edge.target]}")
    return "\n".join(lines) + "\n"


def _dot_string(text: str) -> str:
    """A quoted dot string; terminal controls escaped first (their backslash then doubled, so
    that Graphviz shows `\\x1b` too)."""
    return '"' + escape(text.replace("\n", " ")).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(net: Network) -> str:
    ids = _safe_ids(net)
    lines = ["digraph reseau {", "  rankdir=LR;", "  node [shape=box];"]
    for node in net.nodes:
        shape = ", shape=ellipse" if node.is_opportunity else ""
        lines.append(f"  {ids[node.key]} [label={_dot_string(node.label)}{shape}];")
    for edge in net.edges:
        style = ", style=dashed" if edge.kinds == ("opened",) else ""
        label = _dot_string(", ".join(EDGE_WORDS[k] for k in edge.kinds))
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]} [label={label}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
