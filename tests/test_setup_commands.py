"""The README's two set-up commands: what `.ci/run` runs is the second, verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", readme.split("\n## ", 1)[0])


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    first, second = _commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip("\n").splitlines()
    assert ci[-1] == second


def test_both_commands_work_in_a_virtual_environment() -> None:
    """Debian and Ubuntu refuse pip outside one (PEP 668): both make and use `.venv`."""
    script = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "python3 -m venv .venv" in script and ".venv/bin/python -m pip install" in script
    assert "python3 -m pip" not in script  # the system interpreter's pip is never used
    for command in _commands():
        assert command.startswith("bash scripts/setup") and ". .venv/bin/activate" in command
        assert "python3 -m pip" not in command
    first, second = _commands()
    assert first.endswith("summarize seeds/hammouchi_zaabi.txt --ratio 0.3")
    assert second.startswith("bash scripts/setup test &&")
    assert "ruff check ." in second and "mypy" in second and "mkdocs build --strict" in second and second.endswith("python -m pytest")


def test_the_commands_are_short_enough_to_read() -> None:
    assert all(len(command) <= 160 for command in _commands())
