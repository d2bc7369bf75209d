"""The engine's modules import each other without a cycle, counting every import that runs: at
the top and inside functions (not those under `if TYPE_CHECKING:`, which only the type checker
reads). A cycle is how a module ends up importing a half-initialised other one, and how one rule
ends up with two homes."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

TIER = "engine"  # the kind of test (conftest.py: pytest -m engine)


ENGINE = ROOT / "hooks" / "coursegen"


# The engine module a file defines, e.g. coursegen.agenda.now.
def _module(path: Path) -> str:
    parts = path.relative_to(ENGINE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# The engine modules one file imports, wherever the import statement stands.
def _imports(path: Path, modules: set[str]) -> set[str]:
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and ast.unparse(node.test)
                   == "TYPE_CHECKING" for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules
            found |= submodules if len(submodules) == len(node.names) else {target, *submodules}
    return {module for module in found if module in modules and module != name}


def engine_graph() -> dict[str, set[str]]:
    """Each engine module and the engine modules it imports."""
    files = sorted(ENGINE.rglob("*.py"))
    modules = {_module(path) for path in files}
    return {_module(path): _imports(path, modules) for path in files}


# One cycle of the graph, or None: a depth-first search that reports the path back to a module on the stack.
def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    done: set[str] = set()

    def visit(module: str, stack: list[str]) -> list[str] | None:
        if module in stack:
            return stack[stack.index(module):] + [module]
        if module in done:
            return None
        for target in sorted(graph[module]):
            found = visit(target, [*stack, module])
            if found:
                return found
        done.add(module)
        return None

    return next((found for module in sorted(graph) if (found := visit(module, []))), None)


def test_the_engine_has_no_import_cycle() -> None:
    graph = engine_graph()
    assert len(graph) > 30 and "coursegen.agenda.now" in graph["coursegen.pages"]
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_a_cycle_is_found() -> None:
    """The search itself finds a cycle, also one through an import inside a function."""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
    source = "def f():\n    from .loader import load\n"
    path = ENGINE / "_probe.py"
    try:
        path.write_text(source, encoding="utf-8")
        graph = engine_graph()
    finally:
        path.unlink()
    assert "coursegen.loader" in graph["coursegen._probe"]
