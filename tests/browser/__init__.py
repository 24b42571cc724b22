"""Tests that drive Debian's Chromium (Playwright) through the live and the frozen site."""
