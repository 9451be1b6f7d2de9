"""The live page in headless Debian Chromium (Selenium + Debian's chromedriver, nothing downloaded).

A sink fed through the real broker with the seed article and its real events; one event is
produced after the page has loaded and must appear without a reload, on the map and in the
table; its evidence view must highlight exactly the trigger's span in right-to-left text.
Screenshots: a temp dir (path printed); ``docs/screenshot-seed.png`` is written when missing,
or always with ``HADATH_UPDATE_SCREENSHOT=1``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hadath.pipeline import articles_from_text, run_article
from schemas import Article, Event
from tests.conftest import SEED_PATH
from tests.integration.harness import REPO, free_port
from tests.integration.test_sink import SinkTopics, running_sink

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DOCS_SCREENSHOT = REPO / "docs" / "screenshot-seed.png"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1500,950")  # fmt: skip


def _seed() -> tuple[Article, list[Event]]:
    (article,) = articles_from_text(SEED_PATH.name, SEED_PATH.read_text(encoding="utf-8"))
    assert isinstance(article, Article)
    article = article.model_copy(update={"published_at": Article(id="x", text="x", published_at="2021-02-27")
                                         .published_at, "source": "sputnik"})
    latest: dict[str, Event] = {}
    for event in run_article(article, {}):
        latest[event.event_id] = event
    return article, list(latest.values())


def _richest(events: list[Event]) -> Event:
    """The event with the most arguments and a place on the map (the one produced last)."""
    def score(e: Event) -> tuple[int, float]:
        return (sum(x is not None for x in (e.actor, e.target, e.location, e.date.text, e.killed, e.source))
                + (10 if e.location and e.location.lat is not None else 0), e.confidence)
    return max(events, key=score)


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium session, or skip (printing why) when Chromium or its driver is missing."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        reason = (f"needs {CHROMIUM} and {CHROMEDRIVER} "
                  "(Debian chromium, chromium-driver: scripts/install_system_deps.sh)")
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("SKIP: selenium is not installed")
        pytest.skip("selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not try to download anything
    browser = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()


def _wait(check: Any, timeout: float, what: str, driver: Any) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    logs = ""
    with contextlib.suppress(Exception):  # not every driver offers the log
        logs = str(driver.get_log("browser"))[-2000:]
    raise TimeoutError(f"page: {what} not seen in {timeout} s. Browser log: {logs}")


def test_live_page_shows_a_new_event_and_its_evidence(tmp_path: Path, driver: Any) -> None:
    from selenium.webdriver.common.by import By

    article, events = _seed()
    late = _richest(events)
    early = [e for e in events if e.event_id != late.event_id]
    topics = SinkTopics.create()
    # A tile server that isn't there: the page must probe it, give up and keep the offline outlines.
    tiles = f"http://127.0.0.1:{free_port()}/{{z}}/{{x}}/{{y}}.png"
    with running_sink(topics, str(tmp_path / "events.duckdb"), tmp_path, "--tiles", tiles) as sink:
        topics.articles([article])
        topics.events(early)
        sink.wait(lambda h: h["counts"]["events"] == len(early) and h["counts"]["articles"] == 1, 30, "seed stored")

        driver.get(sink.url)
        _wait(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), 20, "page ready", driver)
        rows = driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")
        assert len(rows) == len(early)
        assert driver.find_elements(By.CSS_SELECTOR, "path.ev-marker")
        _wait(lambda: driver.execute_script("return document.body.dataset.basemap"), 10, "basemap decision", driver)
        assert driver.execute_script("return document.body.dataset.basemap") == "outlines"
        assert driver.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive, #map svg path")

        topics.events([late])  # after the page loaded: must arrive through the stream
        row = _wait(lambda: driver.find_elements(By.CSS_SELECTOR, f'#events tbody tr[data-event-id="{late.event_id}"]'),
                    20, "the new event's row", driver)[0]
        assert driver.find_elements(By.CSS_SELECTOR, f"path.m-{late.event_id}"), "its marker"
        assert len(driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == len(events)

        row.click()
        _wait(lambda: driver.find_elements(By.CSS_SELECTOR, f'#event-detail[data-event-id="{late.event_id}"]'),
              10, "the evidence view", driver)
        text_box = driver.find_element(By.ID, "article")
        assert (text_box.get_attribute("dir"), text_box.get_attribute("lang")) == ("rtl", "ar")
        highlighted = driver.execute_script(
            "return Array.from(document.querySelectorAll('#article .r-' + arguments[0]))"
            ".map(e => e.textContent).join('')", "trigger")
        assert highlighted == late.trigger.text == article.text[late.trigger.start:late.trigger.end]
        for role in ("actor", "target", "location"):
            span = getattr(late, role)
            if span is not None:
                shown = driver.execute_script(
                    "return Array.from(document.querySelectorAll('#article .r-' + arguments[0]))"
                    ".map(e => e.textContent).join('')", role)
                assert shown == span.text, role
        assert driver.find_element(By.CSS_SELECTOR, "#article").text.replace("\n", "").startswith(
            article.text[:20].replace("\n", ""))
        assert driver.find_element(By.ID, "live").text == "live"

        time.sleep(0.5)  # let the highlight scroll settle
        shots = Path(tempfile.mkdtemp(prefix="hadath-web-"))
        shot = shots / "screenshot-seed.png"
        driver.save_screenshot(str(shot))
        print(f"screenshot: {shot}")
        if os.environ.get("HADATH_UPDATE_SCREENSHOT") == "1" or not DOCS_SCREENSHOT.exists():
            DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
            shutil.copyfile(shot, DOCS_SCREENSHOT)
            print(f"screenshot copied to {DOCS_SCREENSHOT}")
