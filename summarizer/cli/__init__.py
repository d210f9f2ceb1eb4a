"""The command lines: ``summarize`` (:mod:`.summarize`), ``summarize-batch``
(:mod:`.batch`), and the kit every command is built with (:mod:`.kit`:
running, one-line failures, flags for the library's parameters, progress,
shared options, ``--version``). ``summarize-serve`` and ``summarize-eval``
live with their packages and use the same kit."""
