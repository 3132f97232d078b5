"""Exceptions raised by majlis.

Every error a user can cause (bad input, unknown ids, inconsistent data) is a
:class:`MajlisError`, a ``ValueError``; the CLI turns it into one line on stderr
and exit code 2, the web app into an HTTP 4xx with the message.
"""

from __future__ import annotations

__all__ = [
    "InfeasibleQuotaError",
    "MajlisError",
    "StoreError",
    "UnknownIdError",
    "UnknownMethodError",
    "ValidationError",
]


class MajlisError(ValueError):
    """Base class of every error caused by the user's input or data."""


class ValidationError(MajlisError):
    """A dataset, game or allocation input breaks an invariant (names the offending record)."""


class UnknownIdError(MajlisError, KeyError):
    """An id (party, alliance, election, method, index, law) that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownMethodError(UnknownIdError):
    """A method/index/theory id that is not registered."""


class InfeasibleQuotaError(MajlisError):
    """A quota or threshold that no coalition or allocation can meet."""


class StoreError(MajlisError):
    """The store cannot be opened, read or written."""
