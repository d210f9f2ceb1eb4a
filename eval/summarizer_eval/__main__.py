"""``python -m summarizer_eval``: the ``summarize-eval`` command."""

from .cli import main

if __name__ == "__main__":
    main()
