"""What import-linter and ruff cannot check about the imports, read with :mod:`ast`.

The layering (no cycle, only commands import commands, the pages' layers)
is import-linter's (``[tool.importlinter]`` in pyproject.toml, ``lint-imports``
in CI), and a private name used outside its package, imported or reached as
an attribute, is ruff's (PLC2701, SLF001). Left here: a private name
imported from another module of the same package (ruff counts the package as
one), and flags named outside the commands. Every import counts, wherever it
is written (a function-level import is still a dependency).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Package name -> its folder in the checkout.
PACKAGES = {"summarizer": ROOT / "summarizer", "summarizer_eval": ROOT / "eval" / "summarizer_eval"}

#: The command modules: argument parsing, flags and exit codes, the top
#: layer (import-linter's contract keeps them there). The CLI kit
#: (``summarizer.cli.kit``) is what they are built with, not a command.
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


def test_the_modules_are_found() -> None:
    files = module_files()
    assert {"summarizer", "summarizer.api", "summarizer_eval", "summarizer_eval.cli"} <= set(files)
    assert len({i.target for i in all_imports() if i.source == "summarizer_eval.cli"}) > 3  # the imports are read
    assert _absolute("summarizer.serve.page", False, "api", 2) == "summarizer.api"
    assert _absolute("summarizer.serve", True, None, 1) == "summarizer.serve"


def test_no_private_name_is_imported_across_modules() -> None:
    """A leading underscore means "this module's own": another module that
    needs the name needs it made public (and documented)."""
    bad = [
        f"{i.source} (line {i.line}) imports {i.name} from {i.target}"
        for i in all_imports()
        if i.name is not None and i.name.startswith("_") and not i.name.startswith("__")
    ]
    assert not bad, "; ".join(bad)


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


def test_import_linter_protects_the_commands_named_here() -> None:
    """The contract lists the same commands as this file, every one a module that exists."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    protected = next(c for c in config["contracts"] if c["type"] == "protected")
    assert set(protected["protected_modules"]) == set(protected["allowed_importers"]) == COMMANDS
    assert COMMANDS <= set(module_files())
