"""Browser journeys: Playwright drives Debian's Chromium against a live server on the test database."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _password_alone(settings):
    """The journeys sign staff in with the password alone, as `make demo` does; the second step has a journey of
    its own (test_journey_two_factor.py), which requires it again."""
    settings.REQUIRE_TWO_FACTOR = False


@pytest.fixture
def page(browser, request, live_server):
    """A fresh browser context in Chinese; phone-sized when the test is marked `phone`."""
    viewport = PHONE if request.node.get_closest_marker("phone") else {"width": 1280, "height": 900}
    context = browser.new_context(locale="zh-CN", viewport=viewport, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    if getattr(request.node, "failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        item.failed = True


def sign_in(page, username, password="pw-for-tests-1"):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#content form button[type=submit]")
    page.wait_for_url("**/workspace/")
