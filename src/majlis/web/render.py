"""Rendering pages: the Jinja2 templates, the language of a request, links that keep the state.

A page handler calls :func:`render` with a full-page template and the partial that HTMX
swaps in: a request from HTMX (header ``HX-Request``) gets the partial only, any other
request (a link, a reload, a shared URL) the whole page. Every piece of a page's state is a
query parameter, so the URL of any view can be shared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from majlis.web.i18n import STRINGS, Translator, local_name, ltr

__all__ = ["NAV", "TEMPLATES", "fragment", "is_htmx", "render", "url_with"]

HERE = Path(__file__).parent

TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
# the templates ship with the package: no need to look at their files' times on every render
TEMPLATES.env.auto_reload = False

#: The pages in the navigation bar: (path, key of the label).
NAV: tuple[tuple[str, str], ...] = (
    ("/", "nav.parliament"),
    ("/coalitions", "nav.coalitions"),
    ("/seats", "nav.seats"),
    ("/formation", "nav.formation"),
    ("/forecast", "nav.forecast"),
    ("/negotiation", "nav.negotiation"),
    ("/data", "nav.data"),
)


def is_htmx(request: Request) -> bool:
    """True for an HTMX request that wants a fragment (not a history restore, which wants a page)."""
    return (
        request.headers.get("hx-request") == "true"
        and request.headers.get("hx-history-restore-request") != "true"
    )


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The request's URL (or ``path``) with query parameters changed; ``None`` removes one.

    Repeated parameters (``party=a&party=b``) are kept; a list value replaces them.
    """
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for k, v in changes.items():
        if v is None or v == "":
            continue
        if isinstance(v, (list, tuple)):
            items.extend((k, str(x)) for x in v)
        else:
            items.append((k, str(v)))
    query = urlencode(items)
    return (path or request.url.path) + (f"?{query}" if query else "")


def _words(lang: str) -> Any:
    """``word(group, value)``: the words of an id the library answers (a step, an outcome, a
    rule) in ``lang`` when the app has them (key ``group.value``), else the id itself."""
    strings = STRINGS[lang]

    def word(group: str, value: Any) -> Any:
        key = f"{group}.{value}"
        return Translator(lang)(key) if key in strings else value

    return word


def render(
    request: Request,
    page: str,
    partial: str | None,
    context: dict[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``page`` (or ``partial`` for an HTMX request) with the common context.

    The common context: ``t`` (the translator), ``lang``, ``dir``, ``link(path)`` (a path in
    the same language), ``name(record)`` (a party or alliance name in the language),
    ``lang_url`` (this very view in the other language), ``nav`` and ``active``.
    """
    t = Translator(request.query_params.get("lang"))
    lang = t.lang

    def link(path: str, **params: Any) -> str:
        items = [(k, str(v)) for k, v in params.items() if v not in (None, "")]
        if lang != "en":
            items.append(("lang", lang))
        return path + (f"?{urlencode(items)}" if items else "")

    ctx = {
        "t": t,
        "lang": lang,
        "dir": t.dir,
        "link": link,
        "name": lambda record: local_name(record, lang),
        "lang_url": url_with(request, lang=None if t.other == "en" else t.other),
        "other_lang": t.other,
        "nav": NAV,
        "active": request.url.path,
        "url_with": lambda **changes: url_with(request, **changes),
        "htmx": is_htmx(request),
        "ltr": ltr,
        "word": _words(lang),
        "static": lambda path: f"{request.scope.get('root_path', '')}/static/{path}",
        **context,
    }
    template = partial if partial and is_htmx(request) else page
    return TEMPLATES.TemplateResponse(request, template, ctx, status_code=status_code)


def fragment(template: str, lang: str | None, context: dict[str, Any]) -> Markup:
    """A template rendered without a request: ``t``, ``lang``, ``dir``, ``ltr``, ``name`` and
    ``context`` only, so the result is the same for every URL that shows it (and can be kept).
    """
    t = Translator(lang)
    ctx = {
        "t": t,
        "lang": t.lang,
        "dir": t.dir,
        "ltr": ltr,
        "word": _words(t.lang),
        "name": lambda record: local_name(record, t.lang),
        **context,
    }
    return Markup(TEMPLATES.get_template(template).render(ctx))
