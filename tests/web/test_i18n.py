"""English and Arabic: every word in both languages, right-to-left pages, names from the data."""

from __future__ import annotations

import re
import string

from fastapi.testclient import TestClient

from majlis.data import load_dataset
from majlis.web.i18n import STRINGS


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_both_languages_have_every_key_with_the_same_placeholders() -> None:
    en, ar = STRINGS["en"], STRINGS["ar"]
    assert set(en) == set(ar)
    for key in en:
        assert _fields(en[key]) == _fields(ar[key]), key
        assert ar[key] != en[key] or key in {"common.none"}, key  # translated


def test_arabic_page_is_right_to_left_with_arabic_names(client: TestClient) -> None:
    html = client.get("/", params={"election": "2021", "lang": "ar"}).text
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    ds = load_dataset("iraq")
    for pid in ("sadrist", "sol", "kdp"):
        assert ds.party(pid).name_ar and ds.party(pid).name_ar in html
    assert ds.alliance("cf").name_ar in html
    # dates and English names inside Arabic sentences are isolated left to right
    assert '<bdi dir="ltr">2021</bdi>' in html
    # the navigation stays in Arabic
    assert 'href="/coalitions?lang=ar"' in html and STRINGS["ar"]["nav.coalitions"] in html


def test_language_switch_keeps_the_state(client: TestClient) -> None:
    html = client.get("/", params={"date": "2022-07-01"}).text
    link = re.search(r'id="lang-switch"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*hreflang', html)
    href = re.search(r'<a id="lang-switch" class="lang" href="([^"]+)"', html).group(1)
    assert link and href.replace("&amp;", "&") == "/?date=2022-07-01&lang=ar"
    back = client.get(href.replace("&amp;", "&")).text
    href2 = re.search(r'<a id="lang-switch" class="lang" href="([^"]+)"', back).group(1)
    assert href2 == "/?date=2022-07-01"


def test_ids_the_library_answers_are_in_arabic(client: TestClient) -> None:
    from majlis.formation import replay

    step = replay("iraq-2021").to_dict()["steps"][1]  # the first presidential ballot
    html = client.get("/formation", params={"step": 1, "lang": "ar"}).text
    ar = STRINGS["ar"]
    assert ar[f"formation.outcome.{step['outcome']}"] in html
    assert ar[f"formation.step.{step['step']}"] in html
    assert f'data-outcome="{step["outcome"]}"' in html  # the id stays for scripts and tests
    html = client.get("/negotiation", params={"lang": "ar"}).text
    assert ar["neg.rule.consensus"] in html and ar["common.sep"] in html
