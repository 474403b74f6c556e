"""The HTML report in a real browser: Debian's chromium, headless, driven by Selenium.

Each page is loaded from a file at a desktop and a phone width. The tests look at what a
person would see (a screenshot that is not blank, no sideways scrolling on a phone, a PDF
that prints on A4) and at what the page does (no console error, no request beyond the
file itself, a text alternative for every chart, nothing injected by hostile strings).

Without the browser these tests skip, naming the Debian packages to install; under CI
(CI=true) they fail instead. SHTRACKER_SCREENSHOTS=DIR keeps the screenshots and the PDF.
"""

from __future__ import annotations

import base64
import os
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = pytest.mark.browser


def missing_tools() -> list[str]:
    """Return what the browser tests need and this machine lacks."""
    missing = [
        f"Debian package {package} ({path})"
        for package, path in (("chromium", CHROMIUM), ("chromium-driver", CHROMEDRIVER))
        if not path.exists()
    ]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("Python package selenium (pip install -e '.[test]')")
    return missing


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    """Return a headless chromium that logs the console and the network."""
    missing = missing_tools()
    if missing:
        message = (
            f"browser tests need {'; '.join(missing)}: "
            "apt-get install chromium chromium-driver (.ci/run does it as root)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.add_argument("--disable-dev-shm-usage")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def load(driver: Any, page: str, folder: Path, width: int, scheme: str = "light") -> str:
    """Load a page from a file at `width` CSS pixels in a colour scheme; return its URL.

    The logs of earlier pages are dropped.
    """
    path = folder / "report.html"
    path.write_text(page, encoding="utf-8")
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    features = [{"name": "prefers-color-scheme", "value": scheme}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())
    return str(path.as_uri())


def screenshot(driver: Any, width: int, scale: float = 1.0) -> bytes:
    """Return a PNG of the whole page, `scale` times its size in CSS pixels."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    return base64.b64decode(shot["data"])


def keep(name: str, data: bytes) -> None:
    """Save a screenshot or PDF where SHTRACKER_SCREENSHOTS says, for people to look at."""
    folder = os.environ.get("SHTRACKER_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        Path(folder, name).write_bytes(data)


def paeth(a: int, b: int, c: int) -> int:
    """Return the Paeth predictor of PNG's filter type 4."""
    p = a + b - c
    if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c):
        return a
    return b if abs(p - b) <= abs(p - c) else c


def png_pixels(data: bytes) -> list[bytes]:
    """Return the pixels of an 8-bit RGB or RGBA PNG, each as bytes (no imaging library)."""
    assert b"\x89PNG\r\n\x1a\n" == data[:8]
    position, compressed = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, color_type = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            compressed += body
    assert 8 == depth
    channels = {2: 3, 6: 4}[color_type]
    raw, stride = zlib.decompress(compressed), width * channels
    previous, pixels = bytearray(stride), []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]) & 0xFF
        pixels += [bytes(line[i : i + 3]) for i in range(0, stride, channels)]
        previous = line
    return pixels


def assert_not_blank(png: bytes) -> None:
    """Assert that a picture holds more than one colour over more than a sliver of it."""
    counts = Counter(png_pixels(png))
    background = counts.most_common(1)[0][1]
    total = sum(counts.values())
    assert len(counts) > 20, f"only {len(counts)} colours"
    assert (total - background) / total > 0.05, "almost every pixel is the background"


def console_errors(driver: Any) -> list[str]:
    """Return the console's errors since the page was loaded."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def requests_made(driver: Any, page_url: str) -> list[str]:
    """Return every URL the page asked for beyond itself and data: URLs."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return [u for u in urls if u != page_url and not u.startswith("data:")]


def chart_alternatives(driver: Any) -> list[tuple[str, str, str, int]]:
    """Return, per chart: its role, its computed accessible name, its desc, its table's rows."""
    from selenium.webdriver.common.by import By

    found = []
    for svg in driver.find_elements(By.CSS_SELECTOR, "svg.chart"):
        desc = driver.execute_script("return arguments[0].querySelector('desc').textContent", svg)
        rows = driver.execute_script(
            "return arguments[0].parentElement.querySelectorAll('table tbody tr').length", svg
        )
        found.append((svg.aria_role, svg.accessible_name, desc, rows))
    return found


@pytest.mark.parametrize("view", list(WIDTHS))
def test_the_bundled_report_shows_without_errors_or_requests(
    driver: Any, bundled_page: str, tmp_path: Path, view: str
) -> None:
    width = WIDTHS[view]
    url = load(driver, bundled_page, tmp_path, width)
    full = screenshot(driver, width)
    keep(f"report-{view}.png", full)
    assert_not_blank(screenshot(driver, width, scale=0.1))
    assert [] == console_errors(driver)
    assert [] == requests_made(driver, url)
    assert width >= driver.execute_script("return document.documentElement.scrollWidth")


def test_the_page_turns_dark_when_the_system_prefers_it(
    driver: Any, bundled_page: str, tmp_path: Path
) -> None:
    load(driver, bundled_page, tmp_path, WIDTHS["desktop"], scheme="dark")
    keep("report-dark.png", screenshot(driver, WIDTHS["desktop"]))
    background = driver.execute_script(
        "return getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number)"
    )
    assert max(background[:3]) < 64, background
    assert [] == console_errors(driver)


def test_every_chart_has_a_text_alternative_that_gives_its_numbers(
    driver: Any, bundled_page: str, tmp_path: Path
) -> None:
    load(driver, bundled_page, tmp_path, WIDTHS["desktop"])
    charts = chart_alternatives(driver)
    assert bundled_page.count('<svg class="chart"') == len(charts)
    assert 11 == len(charts)  # the 15th plan's indicators, in force as of 2026
    for role, name, desc, rows in charts:
        assert role in ("img", "image")  # chromium names the ARIA role img "image"
        assert name.endswith("reported values and the target") or name.endswith(
            "reported values, the required path and the target"
        )
        assert ("the required path" in name) == ("Required path" in desc)  # only if drawn
        what = ("Reported: ", "Index, 100 = ", "Running total since ", "Nothing reported yet.")
        assert any(w in desc for w in what)
        assert "Target " in desc
        assert rows >= 1


def test_the_report_prints_on_a4_pages(driver: Any, bundled_page: str, tmp_path: Path) -> None:
    load(driver, bundled_page, tmp_path, WIDTHS["desktop"])
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    pdf = base64.b64decode(printed["data"])
    keep("report-print.pdf", pdf)
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox [0 0 594.95996 841.91998]" in pdf  # A4 in points
    assert [] == console_errors(driver)


def test_hostile_strings_show_as_text_and_inject_nothing(
    driver: Any, hostile_page: str, tmp_path: Path
) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    url = load(driver, hostile_page, tmp_path, WIDTHS["desktop"])
    keep("hostile-desktop.png", screenshot(driver, WIDTHS["desktop"]))
    injected = driver.execute_script(
        "return [...document.querySelectorAll('body *')].filter(e =>"
        " ['SCRIPT','IMG','IFRAME','OBJECT','EMBED','STYLE','LINK','BASE'].includes(e.tagName)"
        " || [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.outerHTML)"
    )
    assert [] == injected
    hrefs = driver.execute_script("return [...document.links].map(a => a.href)")
    assert hrefs
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    text = driver.execute_script("return document.body.innerText")
    for shown in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "\\x1b[2J"):
        assert shown in text
    assert "=HYPERLINK(" in text
    assert "\\u202e" in text
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert [] == console_errors(driver)
    assert [] == requests_made(driver, url)
