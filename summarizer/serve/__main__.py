"""``python -m summarizer.serve``: the same as ``summarize-serve``."""

from .cli import main

main()
