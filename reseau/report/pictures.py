"""The report's pictures: the weekly chart and the part of the referral graph it draws."""

from __future__ import annotations

from reseau.report.model import Chain
from reseau.views.graph import Network

GRAPH_NODES = 30  # the referral graph draws the first chains that fit in this many nodes
# A compact chart: Mermaid's default is 700 x 500 px, drawn across the page.
CHART = "---\nconfig:\n  xyChart:\n    width: 560\n    height: 260\n---"


def chart(title: str, y_label: str, bars: list[tuple[str, int]], goal: int | None) -> str:
    """A Mermaid bar chart of (label, count), with the goal as a line (named in the title)."""
    values = [n for _, n in bars]
    labels = ", ".join(f'"{label}"' for label, _ in bars)
    lines = [
        "```mermaid",
        CHART,
        "xychart-beta",
        f'  title "{title}"',
        f"  x-axis [{labels}]",
        f'  y-axis "{y_label}" 0 --> {nice_top(max([*values, goal or 0]))}',
        f"  bar [{', '.join(map(str, values))}]",
    ]
    if goal is not None:
        lines.append(f"  line [{', '.join([str(goal)] * len(values))}]")
    lines.append("```")
    return "\n".join(lines)


def nice_top(highest: int) -> int:
    """The top of the chart's axis: at least 10, so Mermaid's ticks are whole numbers (it asks
    d3 for about ten ticks; from 10 up, their step is 1, 2, 5, 10…)."""
    return max(10, highest + 1)


def chain_keys(chain: Chain) -> set[str]:
    keys = {f"c:{cid}" for cid in chain.links}
    return keys | ({f"o:{chain.opportunity}"} if chain.opportunity else set())


def drawn_chains(chains: tuple[Chain, ...], nodes: int = GRAPH_NODES) -> tuple[Chain, ...]:
    """The first chains whose people and opportunities fit in `nodes` nodes."""
    keep: set[str] = set()
    drawn = []
    for chain in chains:
        more = keep | chain_keys(chain)
        if len(more) > nodes:
            break
        keep = more
        drawn.append(chain)
    return tuple(drawn)


def only_chains(net: Network, chains: list[Chain] | tuple[Chain, ...]) -> Network:
    """The part of the network the listed chains go through."""
    keep = set().union(*(chain_keys(chain) for chain in chains))
    return Network(
        tuple(n for n in net.nodes if n.key in keep),
        tuple(e for e in net.edges if e.source in keep and e.target in keep),
    )
