"""The eval/ folder ships as `summarizer_eval`, never as a top-level `eval`,
in the installed (editable) package and in the wheel; the wheel carries the
pages' stylesheets (package data), and pages rendered from it use them."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(p.name for p in (ROOT / "eval" / "summarizer_eval").iterdir() if p.suffix in (".py", ".typed", ".css"))
#: Every stylesheet of both packages, by its name inside the wheel.
STYLESHEETS = {
    f"{package}/{p.relative_to(folder).as_posix()}": p
    for package, folder in (("summarizer", ROOT / "summarizer"), ("summarizer_eval", ROOT / "eval" / "summarizer_eval"))
    for p in folder.rglob("*.css")
}

PROBE = """
import importlib.metadata as md, importlib.resources as res, importlib.util as u, json, summarizer_eval
print(json.dumps({
    "eval": u.find_spec("eval") is not None,
    "file": summarizer_eval.__file__,
    "typed": res.files("summarizer_eval").joinpath("py.typed").is_file(),
    "script": [e.value for e in md.entry_points(group="console_scripts") if e.name == "summarize-eval"],
}))
"""


def _probe(*args: str, env: dict[str, str] | None = None, cwd: Path) -> dict:
    import json

    done = subprocess.run([sys.executable, *args, "-c", PROBE], check=False, capture_output=True, text=True, cwd=cwd, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_installed_package_has_no_top_level_eval(tmp_path: Path) -> None:
    # Run outside the checkout so the repository root is not on sys.path.
    found = _probe(cwd=tmp_path)
    assert found["eval"] is False
    assert found["typed"] is True
    assert found["script"] == ["summarizer_eval.cli:main"]
    assert Path(found["file"]).parent.name == "summarizer_eval"


@dataclass(frozen=True)
class Wheel:
    names: list[str]
    entry_points: str
    target: Path
    env: dict[str, str]

    def run(self, code: str, *args: str, cwd: Path) -> str:
        """Run ``code`` with the wheel's files alone (``-S``: no editable install); its stdout."""
        done = subprocess.run(
            [sys.executable, "-S", "-c", code, *args], check=False, capture_output=True, text=True, cwd=cwd, env=self.env, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Wheel:
    """The project built as a wheel and installed, without dependencies, into a folder of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    wheels = tmp / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        check=False, capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (built,) = wheels.glob("*.whl")
    with zipfile.ZipFile(built) as z:
        names = z.namelist()
        entry_points = next(z.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    # Install the wheel's files alone and run from them: -S keeps the
    # editable install's .pth finder out; dependencies come from PYTHONPATH.
    target = tmp / "target"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(built)],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    paths = [str(target), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    return Wheel(names, entry_points, target, {**os.environ, "PYTHONPATH": os.pathsep.join(paths)})


@pytest.mark.slow
def test_wheel_ships_summarizer_eval_and_works(wheel: Wheel, tmp_path: Path) -> None:
    tops = {n.split("/")[0] for n in wheel.names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"summarizer", "summarizer_eval"}
    assert sorted(n.split("/")[1] for n in wheel.names if n.startswith("summarizer_eval/")) == MODULES
    assert "summarize-eval = summarizer_eval.cli:main" in wheel.entry_points

    found = _probe("-S", env=wheel.env, cwd=tmp_path)
    assert found["eval"] is False
    assert Path(found["file"]).is_relative_to(wheel.target)
    out = wheel.run("from summarizer_eval.cli import main; main()", str(ROOT / "seeds"), "--systems", "lead", "--resamples", "50", cwd=tmp_path)
    assert "lead " in out


@pytest.mark.slow
def test_wheel_ships_the_stylesheets_and_its_pages_use_them(wheel: Wheel, tmp_path: Path) -> None:
    """The CSS is package data: in the wheel, read from the installed files
    (not from the checkout), and inlined into each page."""
    assert {"summarizer/render/base.css", "summarizer/render/summary.css", "summarizer_eval/report.css"} <= set(STYLESHEETS)
    assert set(STYLESHEETS) <= set(wheel.names)
    rules = {name: path.read_text(encoding="utf-8").strip() for name, path in STYLESHEETS.items()}

    located = wheel.run(
        "import summarizer.render.page as p, importlib.resources as r; "
        "print(r.files('summarizer.render').joinpath('base.css')); print(p.__file__)",
        cwd=tmp_path,
    ).split()
    assert all(Path(f).is_relative_to(wheel.target) for f in located)

    summary_page = wheel.run("from summarizer.cli.summarize import main; main()", str(ROOT / "seeds" / "hammouchi_zaabi.txt"), "--format", "html", cwd=tmp_path)
    assert rules["summarizer/render/base.css"] in summary_page and rules["summarizer/render/summary.css"] in summary_page
    eval_page = wheel.run(
        "from summarizer_eval.cli import main; main()", str(ROOT / "seeds"), "--systems", "lead", "--resamples", "50", "--format", "html",
        cwd=tmp_path,
    )
    assert rules["summarizer/render/base.css"] in eval_page and rules["summarizer_eval/report.css"] in eval_page
    form = wheel.run("from summarizer.serve.page import form_page; print(form_page())", cwd=tmp_path)
    assert rules["summarizer/serve/form.css"] in form
