"""The chart's axis and the part of the referral graph the report draws."""

from __future__ import annotations

from reseau.report.model import Chain
from reseau.report.pictures import chart, drawn_chains, nice_top


def test_axis_top_gives_whole_ticks() -> None:
    """d3 (Mermaid's scale) gives ticks of 0.5 or less below 10: the axis starts there."""
    assert [nice_top(n) for n in (0, 3, 9, 10, 16, 120)] == [10, 10, 10, 11, 17, 121]


def test_chart_names_its_goal_line() -> None:
    assert chart(
        "Interactions (line: your goal of 5)", "interactions", [("W17", 5), ("W18", 0)], 5
    ) == (
        "```mermaid\n---\nconfig:\n  xyChart:\n    width: 560\n    height: 260\n---\n"
        "xychart-beta\n"
        '  title "Interactions (line: your goal of 5)"\n'
        '  x-axis ["W17", "W18"]\n'
        '  y-axis "interactions" 0 --> 10\n'
        "  bar [5, 0]\n"
        "  line [5, 5]\n"
        "```"
    )


def test_graph_draws_the_first_chains_that_fit() -> None:
    chains = tuple(
        Chain(tuple(f"p{i}-{j}" for j in range(4)), f"o{i}" if i % 2 else None, ())
        for i in range(10)
    )
    drawn = drawn_chains(chains, nodes=30)
    assert len(drawn) == 6  # 4 + 5 + 4 + 5 + 4 + 5 = 27 nodes; the seventh would make 31
    shared = (Chain(("a", "b"), None, ()), Chain(("a", "b", "c"), None, ()))
    assert drawn_chains(shared, nodes=3) == shared  # shared people count once
