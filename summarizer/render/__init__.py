"""The render layer: every page and output format of a summary.

Three modules, each depending only on the ones before it (nothing here
imports a command, and no command module is needed to render):

* :mod:`~summarizer.render.page`: the page kit (skeleton, escaping, bidi
  controls, shared stylesheet), used by every page of the project, the
  evaluation report's included;
* :mod:`~summarizer.render.summary`: the summary page (:func:`~summarizer.render.summary.render_html`);
* :mod:`~summarizer.render.formats`: the text/json/html registry
  (:data:`~summarizer.render.formats.FORMATS`,
  :func:`~summarizer.render.formats.format_summary`).

The stylesheets are ``.css`` files shipped beside the modules as package
data. Importing this package imports none of its modules, so each user pays
only for what it renders.
"""
