"""The two screens every study-page journey runs on, and where their screenshots go (git-ignored,
kept as CI artefacts)."""

from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parent / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SIZES = pytest.mark.parametrize("page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
