"""The report's Mermaid blocks, parsed by the real Mermaid (in headless Chromium).

Needs Node, Chromium and a node_modules folder holding mermaid and puppeteer, named by
RESEAU_NODE_MODULES (`npm install --prefix DIR @mermaid-js/mermaid-cli` makes one;
`PUPPETEER_SKIP_DOWNLOAD=1` when Chromium comes from the system, at $CHROMIUM or
/usr/bin/chromium); skipped otherwise.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

HERE = Path(__file__).parent
BLOCK = re.compile(r"^```mermaid\n(.*?)^```$", re.S | re.M)


def mermaid_parse(blocks: list[str]) -> list[str]:
    modules = os.environ.get("RESEAU_NODE_MODULES", "")
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    missing = [
        what
        for what, ok in (
            ("node", shutil.which("node") is not None),
            (chromium, Path(chromium).exists()),
            ("RESEAU_NODE_MODULES", bool(modules)),
            ("mermaid in RESEAU_NODE_MODULES", not modules or (Path(modules) / "mermaid").is_dir()),
            (
                "puppeteer in RESEAU_NODE_MODULES",
                not modules or (Path(modules) / "puppeteer").is_dir(),
            ),
        )
        if not ok
    ]
    if missing:
        pytest.skip(f"the real Mermaid parser is not available (missing: {', '.join(missing)})")
    done = subprocess.run(
        ["node", str(HERE / "mermaid" / "parse.mjs")],
        input=json.dumps(blocks),
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": modules, "CHROMIUM": chromium},
        timeout=120,
        check=True,
    )
    return done.stdout.splitlines()


def test_report_blocks_parse(story: Path, cli: Callable[..., Result]) -> None:
    texts = [
        cli("--ledger", str(story), "report", "--as-of", as_of, "--lang", lang).out
        for as_of in ("2016-05-03", "2016-06-30")
        for lang in ("en", "fr")
    ]
    texts += [path.read_text(encoding="utf-8") for path in sorted(HERE.glob("golden/*.md"))]
    blocks = [block for text in texts for block in BLOCK.findall(text)]
    assert len(blocks) == 2 * len(texts)  # the chart and the graph of every report
    results = mermaid_parse(blocks)
    expected = ["ok xychart", "ok flowchart-v2"] * len(texts)
    assert results == expected, [
        (r, b) for r, b in zip(results, blocks, strict=True) if not r.startswith("ok")
    ]


def test_hostile_labels_parse(
    make_ledger: Callable[[dict[str, str]], Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(
        {
            "contacts/ana.yaml": 'name: "Ana | \\"The\\" <b>Boss</b> # _x_ ; %% end"\n',
            "contacts/bo.yaml": "name: 'Bo [x](y) --> {z}'\nintroduced_by: ana\n",
            "interactions/2016/2016-05-02-call-ana.yaml": "date: 2016-05-02\nwith: [ana]\n"
            "received: [{referral: bo}]\n",
        }
    )
    out = cli("--ledger", str(root), "report", "--as-of", "2016-06-03").out
    assert mermaid_parse(BLOCK.findall(out)) == ["ok xychart", "ok flowchart-v2"]
