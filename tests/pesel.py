"""PESELs of fictitious people for the tests, on python-stdnum (kisdesk.rules.pesel).

`make_pesel(birth, serial, sex)`: the same serial gives the same number, different serials
(below 1000) different numbers; the sex is carried by the 10th digit.
"""

from __future__ import annotations

import datetime as dt

from kisdesk.rules.pesel import compose_pesel


def make_pesel(birth: dt.date, serial: int = 123, sex: str = "M") -> str:
    """A valid PESEL for a birth date and sex ("M" or "K")."""
    return compose_pesel(birth, serial % 1000, 2 * (serial % 5) + (1 if sex == "M" else 0))
