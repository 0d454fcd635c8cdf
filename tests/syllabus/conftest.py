"""The content CLI speaks English when the shell's locale is English: its tests start from a
neutral locale, whatever the machine running them uses."""

import pytest


@pytest.fixture(autouse=True)
def neutral_locale(monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
