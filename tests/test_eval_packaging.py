"""The eval/ folder ships as `summarizer_eval`, never as a top-level `eval`,
in the installed (editable) package and in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(p.name for p in (ROOT / "eval" / "summarizer_eval").iterdir() if p.suffix in (".py", ".typed"))

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

    done = subprocess.run([sys.executable, *args, "-c", PROBE], capture_output=True, text=True, cwd=cwd, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_installed_package_has_no_top_level_eval(tmp_path: Path) -> None:
    # Run outside the checkout so the repository root is not on sys.path.
    found = _probe(cwd=tmp_path)
    assert found["eval"] is False
    assert found["typed"] is True
    assert found["script"] == ["summarizer_eval.cli:main"]
    assert Path(found["file"]).parent.name == "summarizer_eval"


@pytest.mark.slow
def test_wheel_ships_summarizer_eval_and_works(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        entry_points = next(z.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"summarizer", "summarizer_eval"}
    assert sorted(n.split("/")[1] for n in names if n.startswith("summarizer_eval/")) == MODULES
    assert "summarize-eval = summarizer_eval.cli:main" in entry_points

    # Install the wheel's files alone and run from them: -S keeps the
    # editable install's .pth finder out; dependencies come from PYTHONPATH.
    target = tmp_path / "target"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    paths = [str(target), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    found = _probe("-S", env=env, cwd=tmp_path)
    assert found["eval"] is False
    assert Path(found["file"]).is_relative_to(target)
    run = subprocess.run(
        [sys.executable, "-S", "-c", "from summarizer_eval.cli import main; main()", str(ROOT / "seeds"), "--systems", "lead", "--resamples", "50"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "lead " in run.stdout
