"""The import graph of ``summarizer`` and ``summarizer_eval``: no cycle, layers kept.

Read from the source with :mod:`ast` (nothing is imported), every import
counted wherever it is written (a function-level import is still a
dependency: the report ↔ html cycle hid in one). A cycle means neither
module can be understood, tested or moved without the other; the failure
names it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Package name -> its folder in the checkout.
PACKAGES = {"summarizer": ROOT / "summarizer", "summarizer_eval": ROOT / "eval" / "summarizer_eval"}

#: The command modules: argument parsing, flags and exit codes, the top
#: layer. The CLI kit (``summarizer.cli.kit``) is what they are built with,
#: not a command: the evaluation's command uses it too.
COMMANDS = {
    "summarizer.__main__",
    "summarizer.cli.summarize",
    "summarizer.cli.batch",
    "summarizer.serve.cli",
    "summarizer.serve.__main__",
    "summarizer_eval.cli",
    "summarizer_eval.__main__",
}
#: Modules allowed to name command-line flags: the commands and their kit.
SPEAKS_FLAGS = COMMANDS | {"summarizer.cli", "summarizer.cli.kit"}


@dataclass(frozen=True)
class Import:
    """One imported module (``target``) and, for ``from X import n``, the name ``n``."""

    source: str
    target: str
    name: str | None
    line: int


def module_files() -> dict[str, Path]:
    """Every module of the packages, by dotted name (a package by its ``__init__``)."""
    found: dict[str, Path] = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(module: str, path: Path, known: set[str]) -> Iterator[Import]:
    """The imports of ``module`` that land in ``known`` modules, relative ones resolved."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _longest_known(alias.name, known)
                if target is not None:
                    yield Import(module, target, None, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.module, node.level)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in known:  # ``from . import core``: the module itself
                    yield Import(module, submodule, None, node.lineno)
                elif (target := _longest_known(base, known)) is not None:
                    yield Import(module, target, alias.name, node.lineno)


def _absolute(module: str, is_package: bool, name: str | None, level: int) -> str:
    """The absolute name ``from <level dots><name>`` means inside ``module``."""
    if level == 0:
        return name or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    anchor = package[: len(package) - (level - 1)]
    return ".".join([*anchor, name] if name else anchor)


def _longest_known(name: str, known: set[str]) -> str | None:
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if (candidate := ".".join(parts[:end])) in known:
            return candidate
    return None


def all_imports() -> list[Import]:
    files = module_files()
    known = set(files)
    return [i for module, path in files.items() for i in imports(module, path, known) if i.target != module]


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in module_files()}
    for i in all_imports():
        edges[i.source].add(i.target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one module
    (Tarjan's algorithm, iterative), as ``[a, b, …, a]``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    return [_cycle_in(component, edges) for component in components]


def _cycle_in(component: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the component's first module (breadth-first)."""
    start = min(component)
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(edges[node] & component):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [*reversed(path), start]
                if child not in parents:
                    parents[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"no cycle in {sorted(component)}")


def test_the_modules_are_found() -> None:
    files = module_files()
    assert {"summarizer", "summarizer.api", "summarizer_eval", "summarizer_eval.cli"} <= set(files)
    assert len(graph()["summarizer_eval.cli"]) > 3  # the imports are read


def test_cycle_finder_names_the_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(edges) == [["a", "b", "c", "a"]]
    assert _absolute("summarizer.serve.page", False, "api", 2) == "summarizer.api"
    assert _absolute("summarizer.serve", True, None, 1) == "summarizer.serve"


def test_import_graph_has_no_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_only_commands_import_commands() -> None:
    """Libraries (the evaluation package included) never depend on a command module."""
    bad = [
        f"{i.source} (line {i.line}) imports {i.target}"
        for i in all_imports()
        if i.target in COMMANDS and i.source not in COMMANDS
    ]
    assert not bad, "; ".join(bad)


def test_no_private_name_is_imported_across_modules() -> None:
    """A leading underscore means "this module's own": another module that
    needs the name needs it made public (and documented)."""
    bad = [
        f"{i.source} (line {i.line}) imports {i.name} from {i.target}"
        for i in all_imports()
        if i.name is not None and i.name.startswith("_") and not i.name.startswith("__")
    ]
    assert not bad, "; ".join(bad)


def test_render_layers_point_one_way() -> None:
    """The page kit is a leaf; each page sits on it; the registries on the pages;
    the evaluation's text formats never reach up to its page."""
    edges = graph()
    assert edges["summarizer.render.page"] == set()
    assert edges["summarizer.render.summary"] == {"summarizer.result", "summarizer.render.page"}
    assert edges["summarizer.render.formats"] == {"summarizer.result", "summarizer.render.summary", "summarizer.strictjson"}
    assert edges["summarizer.strictjson"] == {"summarizer.errors"}  # the JSON writer is a leaf
    assert not edges["summarizer_eval.report"] & {"summarizer_eval.render", "summarizer_eval.formats"}
    assert {"summarizer.render.page", "summarizer_eval.report"} <= edges["summarizer_eval.render"]


#: A flag as a command line spells it (``--max-bytes``), not a CSS custom
#: property (``--w:``) or a rule of dashes.
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*\b(?!:)")


def test_library_code_names_no_flag() -> None:
    """Library modules name Python parameters (``summarizer.errors.param``);
    only the commands and their kit know the flags."""
    bad = [
        f"{module} line {number}: {match.group(0)}"
        for module, path in module_files().items()
        if module not in SPEAKS_FLAGS
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in FLAG.finditer(line)
    ]
    assert not bad, "; ".join(bad)


def test_tests_and_benchmarks_import_no_private_name() -> None:
    """What the suite and the benchmarks use is public: they exercise the
    library as its users do."""
    known = set(module_files())
    bad = []
    for folder in (ROOT / "tests", ROOT / "benchmarks"):
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and _longest_known(node.module or "", known):
                    bad += [
                        f"{path.relative_to(ROOT)} line {node.lineno}: {alias.name} from {node.module}"
                        for alias in node.names
                        if alias.name.startswith("_") and not alias.name.startswith("__")
                    ]
    assert not bad, "; ".join(bad)
