"""Errors a user can be told about: a code and parameters, never a sentence.

`kisdesk.messages.describe()` turns an error into Polish text for the GUI and the CLI.
Anything that is not a KisdeskError is a fault of the program (CLI exit status 1).
"""

from __future__ import annotations

from typing import Any


class KisdeskError(Exception):
    """Base of every error the user can act upon (CLI exit status 2)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.code
        details = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.code} ({details})"


class ValidationError(KisdeskError):
    """Input that cannot be accepted: a bad PESEL, an end before a start…"""


class NotFoundError(KisdeskError):
    """A record the user named does not exist (an unknown group, participant…)."""


class ConflictError(KisdeskError):
    """The change collides with what is stored: a duplicate PESEL, an edit made meanwhile."""


class PermissionDenied(KisdeskError):
    """The current user's role does not allow this."""


class StorageError(KisdeskError):
    """The database cannot be used as it is: newer than the program, damaged, locked…"""
