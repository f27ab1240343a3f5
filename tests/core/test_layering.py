"""The package's layers, read from the source: every import, function-local and
type-only ones included, parsed with `ast`.

- Only the command line (`reseau/cli/`, `reseau/commands/`) imports the command line.
- Click stays in `reseau/cli/`: `reseau/commands/` holds plain functions.
- No import cycle between the parts of the package: each of PACKAGES is one part, each
  other module of `reseau/` a part of its own (imports inside a package are its own
  business).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("cli", "commands", "interchange", "report", "rules", "views")
COMMAND_LINE = ("reseau.cli", "reseau.commands")
ENTRY_POINTS = ("reseau.__main__",)  # `python -m reseau` runs the CLI


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted((ROOT / "reseau").rglob("*.py"))}


def imports_in(code: str, package: str) -> Iterator[str]:
    """The modules some code imports, anywhere in it (package: the one the code is in,
    for relative imports). `from a import b` imports a, and a.b when b is a module."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            yield base
            yield from (f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES)


def imports(name: str) -> set[str]:
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return set(imports_in(path.read_text(encoding="utf-8"), package))


def part(name: str) -> str:
    """The node of the graph a module of reseau belongs to: its package, or itself."""
    pieces = name.split(".")
    return ".".join(pieces[:2]) if len(pieces) > 1 and pieces[1] in PACKAGES else name


def inside(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def graph() -> dict[str, set[str]]:
    """part -> the other parts it imports."""
    edges: dict[str, set[str]] = {}
    for name in MODULES:
        mine = part(name)
        targets = edges.setdefault(mine, set())
        targets |= {part(m) for m in imports(name) if m in MODULES and part(m) != mine}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected sets of more than one node (Tarjan's algorithm), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def test_every_import_is_seen() -> None:
    code = """
import reseau.errors
from reseau.rules import RULES, r009_reconnect
from . import slug
from .. import outside
if TYPE_CHECKING:
    from reseau.parse import Path
def later():
    from reseau.cli import main
"""
    assert set(imports_in(code, "reseau.views")) == {
        "reseau.errors",
        "reseau.rules",
        "reseau.rules.r009_reconnect",
        "reseau.views",
        "reseau",
        "reseau.parse",
        "reseau.cli",
    }
    assert set(imports_in("from . import slug", "reseau")) == {"reseau", "reseau.slug"}
    assert part("reseau.rules.r009_reconnect") == part("reseau.rules") == "reseau.rules"
    assert part("reseau.loops") == "reseau.loops"
    assert "reseau.cli" in imports("reseau.__main__")


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "e"}, "e": {"d"}}) == [
        ["a", "b", "c"],
        ["d", "e"],
    ]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_only_the_command_line_imports_the_command_line() -> None:
    offenders = [
        (name, imported)
        for name in MODULES
        if not any(inside(name, p) for p in (*COMMAND_LINE, *ENTRY_POINTS))
        for imported in imports(name)
        if any(inside(imported, p) for p in COMMAND_LINE)
    ]
    assert offenders == []


def test_click_stays_in_cli() -> None:
    users = {name for name in MODULES if any(inside(m, "click") for m in imports(name))}
    assert users and all(inside(name, "reseau.cli") for name in users), sorted(users)


def test_no_cycle_between_parts() -> None:
    assert cycles(graph()) == []
