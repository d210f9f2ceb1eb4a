"""Text before TextRank: what every language-specific rule works on.

- :mod:`.normalize`: Arabic normalization (diacritics, tatweel, letter
  variants, invisible controls), tokens, the language of a text;
- :mod:`.segment`: sentences and heading lines with character offsets, the
  rules per language kept as data;
- :mod:`.boilerplate`: web boilerplate lines (related stories, app and
  social promotions, credits), per language;
- :mod:`.byline`: which heading lines are bylines, and the document's title;
- :mod:`.stem`: light Arabic stemming;
- ``data/``: the Arabic stop-word list.
"""
