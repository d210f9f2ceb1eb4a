"""``summarize-serve``: the summarizer over HTTP, as a JSON API and a web page.

Needs the ``serve`` extra (Starlette, uvicorn, python-multipart). Nothing here
is imported by ``import summarizer``: the library and the other commands keep
working, and starting fast, without the web stack.

- :mod:`.core`: a request's options in, the CLI's JSON out (no web framework);
- :mod:`.page`: the form and the result page (HTML, escaped, no script);
- :mod:`.openapi`: the API's OpenAPI description;
- :mod:`.app`: the Starlette application (body limits, threads, headers);
- :mod:`.cli`: the ``summarize-serve`` command (uvicorn).
"""
