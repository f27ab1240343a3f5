"""The report as GitHub would show it: Markdown to HTML (markdown-it, GitHub-like styles), Mermaid
drawn by the real Mermaid in headless Chromium, a full-page PNG and its height.

    NODE_PATH=.../node_modules python tests/report/mermaid/render.py report.md out.png
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

HERE = Path(__file__).parent
# GitHub's article column: 16 px system font, line height 1.5, about 900 px wide.
STYLE = """
body { margin: 0; background: #fff; }
article { box-sizing: border-box; max-width: 1012px; margin: 0 auto; padding: 32px;
  font: 16px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: #1f2328; }
h1 { font-size: 2em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin-top: 24px; }
h3 { font-size: 1.25em; margin-top: 24px; }
table { border-collapse: collapse; display: block; overflow: auto; }
td, th { border: 1px solid #d1d9e0; padding: 6px 13px; }
code { background: #eff1f3; border-radius: 6px; padding: .2em .4em; font-size: 85%; }
pre.mermaid { text-align: center; }
p, ul, ol, table { margin: 0 0 16px; }
a { color: #0969da; text-decoration: none; }
"""


def page(markdown: str) -> str:
    md = MarkdownIt("commonmark").enable("table")
    default = md.renderer.rules.get("fence")

    def fence(tokens, idx, options, env):  # type: ignore[no-untyped-def]
        token = tokens[idx]
        if token.info.strip() == "mermaid":
            return f'<pre class="mermaid">{html.escape(token.content)}</pre>\n'
        return default(tokens, idx, options, env)  # type: ignore[misc]

    md.renderer.rules["fence"] = fence
    body = md.render(markdown)
    return f"<!doctype html><meta charset=utf-8><style>{STYLE}</style><article>{body}</article>"


def main(argv: list[str]) -> int:
    source, png = Path(argv[0]), Path(argv[1])
    out = png.with_suffix(".html")
    out.write_text(page(source.read_text(encoding="utf-8")), encoding="utf-8")
    done = subprocess.run(
        ["node", str(HERE / "render.mjs"), str(out), str(png)], capture_output=True, text=True
    )
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
