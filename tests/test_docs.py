"""The documentation: every Python example runs, the README keeps its limits,
and the generated reference pages cover what they mirror.

Each ```python block of README.md, CONTRIBUTING.md and docs/**/*.md runs as a
script (a fresh interpreter, as a reader would paste it) in a scratch folder
holding ``seeds/`` (the repository's), ``news/`` (two short articles) and,
for the examples that read a corpus, ``../shared/data/easc-dev``. A block
marked ``<!-- recipe: NAME -->`` (an engine's recipe: Dask, Ray Data, Spark)
runs in tests/test_batch_recipes.py instead, on the cluster and the Parquet
corpus it needs.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .texts import ARTICLES

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```python\n(.*?)^```$", re.M | re.S)
#: Examples that read a corpus name it by this path, as the docs tell readers to.
SHARED = "../shared/data"
#: The mark of a recipe block, just before its fence.
RECIPE = re.compile(r"<!-- recipe: \w+ -->\n\Z")


def _examples() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            if RECIPE.search(text[: match.start()]):
                continue
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{page.relative_to(ROOT)}:{line}", match.group(1)))
    return found


EXAMPLES = _examples()
LOCAL = [pytest.param(code, id=where) for where, code in EXAMPLES if SHARED not in code]
WITH_DATA = [pytest.param(code, id=where) for where, code in EXAMPLES if SHARED in code]


def _scratch(tmp_path: Path, easc: Path | None = None) -> Path:
    work = tmp_path / "work"
    (work / "news").mkdir(parents=True)
    (work / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    for i, text in enumerate(ARTICLES[:2]):
        (work / "news" / f"article-{i}.txt").write_text(text, encoding="utf-8")
    if easc is not None:
        (tmp_path / "shared" / "data").mkdir(parents=True)
        (tmp_path / "shared" / "data" / "easc-dev").symlink_to(easc, target_is_directory=True)
    return work


def _run(code: str, cwd: Path) -> None:
    script = cwd / "example.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"the example failed:\n{code}\n--- stderr ---\n{done.stderr[-3000:]}"


def test_the_docs_have_python_examples() -> None:
    assert len(LOCAL) >= 5 and len(WITH_DATA) >= 1


@pytest.mark.slow
@pytest.mark.parametrize("code", LOCAL)
def test_every_python_example_runs(code: str, tmp_path: Path) -> None:
    _run(code, _scratch(tmp_path))


@pytest.mark.slow
@pytest.mark.easc
@pytest.mark.parametrize("code", WITH_DATA)
def test_every_python_example_that_reads_a_corpus_runs(code: str, tmp_path: Path, easc_dir: Path) -> None:
    _run(code, _scratch(tmp_path, easc_dir))


# -- the README --------------------------------------------------------------


def test_the_readme_is_short_and_says_what_the_tool_does_first() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200 and len(text.encode()) <= 16 * 1024
    opening = text.split("```", 1)[0]
    assert "key sentences" in opening and "Arabic" in opening  # before any command
    assert len(opening.splitlines()) <= 12


# -- generated pages ---------------------------------------------------------


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_options_page_lists_every_option_with_its_default() -> None:
    from summarizer.options import Options

    page = _hooks().options_page()
    for f in dataclasses.fields(Options):
        if f.init:
            row = next((line for line in page.splitlines() if line.startswith(f"| `{f.name}` |")), None)
            assert row is not None, f.name
            if f.name not in ("ratio", "sentences", "words"):
                assert f"`{f.default!r}`" in row, row


def test_the_http_page_lists_every_field_of_the_request() -> None:
    from summarizer.serve.core import DEFAULT_MAX_BYTES
    from summarizer.serve.openapi import openapi_document

    page = _hooks().http_page()
    fields = openapi_document(max_bytes=DEFAULT_MAX_BYTES, version="0")["components"]["schemas"]["SummarizeRequest"]["properties"]
    for name in fields:
        assert f"| `{name}` |" in page, name


@pytest.mark.slow
def test_the_cli_page_is_each_commands_help() -> None:
    page = _hooks().cli_page()
    for prog in ("summarize", "summarize-batch", "summarize-eval", "summarize-serve"):
        assert f"## {prog}\n" in page
    assert "--max-bytes" in page and "--ratio" in page


def test_every_result_is_on_the_site() -> None:
    files = _hooks().results_files()
    for path in (ROOT / "benchmarks" / "results").glob("*.md"):
        name = "runs.md" if path.name == "summary.md" else path.name
        assert f"results/{name}" in files
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for uri in files:
        if uri.endswith(".md"):
            assert uri in nav, f"{uri} is not in mkdocs.yml's nav"
