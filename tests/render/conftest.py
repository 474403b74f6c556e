"""Shared fixtures of the HTML report's tests: the pages, built once per session."""

from __future__ import annotations

import pytest
from html_pages import BUNDLED, HOSTILE, page_of


@pytest.fixture(scope="session")
def bundled_page() -> str:
    """Return the report of the bundled data."""
    return page_of(BUNDLED)


@pytest.fixture(scope="session")
def hostile_page() -> str:
    """Return the report of the hostile-strings file."""
    return page_of(HOSTILE)
