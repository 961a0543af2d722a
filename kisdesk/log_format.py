"""What may reach kisdesk.log: no PESEL and no stored text of a person (RODO art. 5 ust. 1
lit. f, art. 32). The log is read by whoever helps the office with the computer, and it is
never erased with the person's data (docs/misuse-cases.md, "Logs").

An exception's message can quote the values that caused it (a driver error quoting a row,
a library quoting a cell), so the log keeps a fault's type and its traceback (where in the
code it happened), never its message. Any run of 11 digits, a PESEL's shape, is masked in
whatever else is logged. The engines hide SQL parameters too (kisdesk.db.engine).
"""

from __future__ import annotations

import logging
import re
import traceback
from types import TracebackType

_PESEL_LIKE = re.compile(r"(?<!\d)\d{11}(?!\d)")
MASK = "[PESEL]"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def mask(text: str) -> str:
    return _PESEL_LIKE.sub(MASK, text)


class PrivateFormatter(logging.Formatter):
    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:  # noqa: N802
        exc_type, exc, tb = ei
        if exc_type is None or exc is None:
            return ""
        lines = ["Traceback (most recent call last):\n", *traceback.format_tb(tb)]
        cause = exc.__cause__ or exc.__context__
        if cause is not None:
            lines.append(f"(caused by {type(cause).__module__}.{type(cause).__qualname__})\n")
        lines.append(f"{exc_type.__module__}.{exc_type.__qualname__} (message not logged)")
        return "".join(lines).rstrip("\n")

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))
