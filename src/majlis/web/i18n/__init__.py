"""The web app's words in English and Arabic, and the names of parties and alliances in both.

Pages take ``?lang=ar`` for Arabic (right-to-left); anything else is English. Every key of
:data:`STRINGS` exists in both languages (a test checks it). Party and alliance names come
from the dataset (``name`` and ``name_ar``); a record without an Arabic name keeps its
English one.

Examples
--------
>>> t = Translator("ar")
>>> t.dir, str(t("nav.parliament"))
('rtl', 'البرلمان')
>>> Translator("xx").lang
'en'
>>> str(Translator("en")("coal.status.short", n=3))
'short of a majority by 3'
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from majlis.web.i18n import ar, en

__all__ = ["LANGUAGES", "STRINGS", "Translator", "local_name", "ltr"]

#: Languages of the web app (the first is the default).
LANGUAGES: tuple[str, ...] = ("en", "ar")

#: Every word shown by the app, per language.
STRINGS: dict[str, dict[str, str]] = {"en": en.STRINGS, "ar": ar.STRINGS}

_RTL = {"ar"}


class Translator:
    """The words of one language: ``t("key", n=3)`` formats the string with ``str.format``."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang if lang in LANGUAGES else LANGUAGES[0]
        self.dir = "rtl" if self.lang in _RTL else "ltr"
        self.other = LANGUAGES[1] if self.lang == LANGUAGES[0] else LANGUAGES[0]
        self._strings = STRINGS[self.lang]

    def __call__(self, key: str, **values: Any) -> Markup:
        """The words of ``key`` with ``values`` filled in, HTML-escaped (values that are
        already :class:`~markupsafe.Markup`, such as :func:`ltr` spans, are kept as they are)."""
        text = self._strings.get(key) or STRINGS[LANGUAGES[0]].get(key, key)
        return Markup.escape(text).format(**values) if values else Markup.escape(text)

    def number(self, n: int) -> str:
        """Digits as written in the language (Western digits in both: Iraqi print uses both)."""
        return f"{n:,}"


def ltr(value: Any) -> Markup:
    """``value`` isolated as left-to-right text (dates, numbers, English names inside Arabic).

    >>> str(ltr("2022-10-27"))
    '<bdi dir="ltr">2022-10-27</bdi>'
    """
    return Markup('<bdi dir="ltr">{}</bdi>').format(value)


def local_name(record: Any, lang: str) -> str:
    """The name of a party or alliance (record or dict) in ``lang``, falling back to English.

    >>> from majlis.model import Party
    >>> local_name(Party("sol", "State of Law", name_ar="ائتلاف دولة القانون"), "ar")
    'ائتلاف دولة القانون'
    >>> local_name({"name": "Independents", "name_ar": ""}, "ar")
    'Independents'
    """
    get = record.get if isinstance(record, dict) else lambda k, d="": getattr(record, k, d)
    if lang == "ar" and get("name_ar", ""):
        return str(get("name_ar", ""))
    return str(get("name", ""))
