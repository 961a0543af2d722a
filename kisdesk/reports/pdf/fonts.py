"""The embedded fonts: Liberation Serif and Sans (SIL OFL 1.1, resources/fonts/OFL.txt).

The 14 standard PDF fonts are WinAnsi-encoded and have no ą, ę, ł, ś, ż…, so every document
embeds a TrueType font (docs/architecture.md#pdf-markup). Liberation Serif has the metrics of Times New
Roman and Liberation Sans those of Arial – the faces of Polish office letters.
"""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kisdesk.paths import resource_path

SERIF = "KisSerif"
SERIF_BOLD = "KisSerif-Bold"
SERIF_ITALIC = "KisSerif-Italic"
SANS = "KisSans"
SANS_BOLD = "KisSans-Bold"

_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SANS: "LiberationSans-Regular.ttf",
    SANS_BOLD: "LiberationSans-Bold.ttf",
}


@cache
def register_fonts() -> None:
    """Register the fonts once per process (reportlab keeps a global registry)."""
    # No document fetches anything from the network: <img src> and friends are refused
    # (CVE-2020-28463, docs/architecture.md#pdf-markup).
    rl_config.trustedHosts = ["localhost.invalid"]
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    # <b> and <i> inside paragraphs pick the right face.
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
