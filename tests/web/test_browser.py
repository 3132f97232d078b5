"""A new user's flows in a real browser: Playwright for Python driving Debian's chromium.

The app runs in uvicorn on a free 127.0.0.1 port; the browser is ``/usr/bin/chromium``
(``$CHROMIUM``), launched through ``executable_path`` (``make test`` installs it with
apt-get). Without chromium the tests skip. A failing test leaves a screenshot of its page in
its temporary directory (the path is printed in the failure report).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from majlis.data import load_dataset  # noqa: E402
from majlis.web import create_app  # noqa: E402
from tests.web.conftest import TOKEN  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM}"),
]

PAGES = ["/", "/coalitions", "/seats", "/formation", "/forecast", "/negotiation", "/data", "/docs"]


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


class Page:
    """A browser page that records console errors and screenshots itself if the test fails."""

    def __init__(self, browser: object, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def goto(self, path: str) -> object:
        self.page.goto(self.base + path, wait_until="load")
        return self.page


@pytest.fixture
def web(
    browser: object, live_server: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Page]:
    page = Page(browser, live_server)
    yield page
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        shot = tmp_path / "failure.png"
        page.page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failing page: {shot}")
    page.context.close()


def _seats_of(page: object, party: str) -> int:
    return page.locator(f"svg.hemicycle circle[data-party='{party}']").count()  # type: ignore[attr-defined]


def test_slider_past_june_2022_removes_the_sadrist_seats(web: Page) -> None:
    page = web.goto("/?election=2021")
    assert _seats_of(page, "sadrist") == 73
    dates = page.locator("#slider").get_attribute("data-dates").split(",")
    after = next(i for i, d in enumerate(dates) if d > "2022-06-23")
    page.locator("#slider").fill(str(after))
    page.wait_for_selector(f"#view[data-date='{dates[after]}']")
    assert _seats_of(page, "sadrist") == 0
    assert f"date={dates[after]}" in page.url  # the state is in the URL
    assert page.locator("#changed-by").inner_text().strip()
    assert not web.errors


def test_build_a_majority_by_clicking(web: Page) -> None:
    page = web.goto("/coalitions?date=2022-10-27")
    house = load_dataset("iraq").parliament(date="2022-10-27")
    # the Framework's parties, then KDP, Taqaddum and Azm: clicked one by one until 165
    order = [*house.alliance_members("cf"), "kdp", "taqaddum", "azm"]
    total = 0
    for pid in order:
        if total >= 165:
            break
        total += house.seats[pid]
        if pid == "kdp":  # one party by a click on its seat in the hemicycle
            page.locator("svg.hemicycle circle[data-party='kdp']").first.click()
        else:
            page.locator(f"#party-{pid}").click()
        page.wait_for_selector(f"#coalition-total[data-seats='{total}']")
    assert total >= 165
    status = page.locator("#status")
    assert status.get_attribute("data-status") in ("majority", "two_thirds")
    assert "majority" in status.inner_text() or "two-thirds" in status.inner_text()
    assert "party=kdp" in page.url
    assert page.locator("#power tbody tr").count() >= 3 and not web.errors


def test_save_a_scenario_and_open_it_in_a_fresh_browser(
    web: Page, browser: object, live_server: str
) -> None:
    page = web.goto("/coalitions?date=2022-10-27&party=sol&party=kdp&union=cf")
    page.locator("#save-title").fill("Browser scenario")
    page.locator("#save-token").fill(TOKEN)
    page.locator("#save-button").click()
    page.wait_for_url(re.compile(r".*/s/[A-Za-z0-9_-]+$"))
    url = page.url
    fresh = Page(browser, live_server)  # a new context: no cookies, no storage
    try:
        p2 = fresh.goto(url.removeprefix(live_server))
        assert "Browser scenario" in p2.locator("#scenario-title").inner_text()
        seats = load_dataset("iraq").parliament(date="2022-10-27").seats_of(["sol", "kdp"])
        assert p2.locator("#coalition-total").get_attribute("data-seats") == str(seats)
        assert not fresh.errors
    finally:
        fresh.context.close()


def test_save_without_the_right_token_is_refused(web: Page) -> None:
    page = web.goto("/coalitions?party=sol")
    page.locator("#save-title").fill("No token")
    page.locator("#save-token").fill("wrong")
    page.locator("#save-button").click()
    page.wait_for_load_state("networkidle")
    assert "wrong token" in page.locator("#error").inner_text()


def test_arabic_is_right_to_left_with_arabic_names(web: Page) -> None:
    page = web.goto("/?date=2022-07-01")
    page.locator("#lang-switch").click()
    page.wait_for_load_state("networkidle")
    assert "lang=ar" in page.url and "date=2022-07-01" in page.url  # the state is kept
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    sol = load_dataset("iraq").party("sol").name_ar
    assert sol in page.locator("#parties").inner_text()
    # the header sits right to left: the brand is right of the navigation
    brand = page.locator(".brand").bounding_box()
    nav = page.locator("#nav").bounding_box()
    assert brand["x"] > nav["x"]
    assert not web.errors


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_console_errors_on_any_page(web: Page, lang: str) -> None:
    for path in PAGES:
        web.goto(path + ("?lang=ar" if lang == "ar" and path != "/docs" else ""))
        assert not web.errors, (path, web.errors)


def test_run_a_negotiation_and_step_through_its_trace(web: Page) -> None:
    page = web.goto("/negotiation")
    page.locator("#negotiation-runs").fill("40")
    page.locator("#negotiation-start").click()
    page.wait_for_selector("#outcome[data-status='done']", timeout=120_000)
    assert "runs=40" in page.url  # the state is in the URL
    rows = page.locator("#outcomes tbody tr")
    assert rows.count() >= 1 and "%" in rows.first.inner_text()
    n = page.locator("#rounds li").count()
    assert n > 3
    for k in (2, 3, 4):
        page.locator("#round-next").click()
        page.wait_for_selector(f"#view[data-round='{k}']")
        assert f"round={k}" in page.url
        assert page.locator("svg.hemicycle circle").count() == 329
        assert page.locator("#round-events li").count() >= 1
    page.locator("#round-prev").click()
    page.wait_for_selector("#view[data-round='3']")
    # the outcome stays (the same runs, already computed)
    assert page.locator("#outcome").get_attribute("data-status") == "done"
    assert not web.errors
