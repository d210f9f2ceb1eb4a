"""``python -m summarizer`` runs the ``summarize`` command."""

from .cli.summarize import main

main()
