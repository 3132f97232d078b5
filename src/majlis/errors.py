"""Exceptions raised by majlis.

Every error a user can cause (bad input, unknown ids, inconsistent data, a request too large
to compute) is a :class:`MajlisError`, a ``ValueError``; the CLI turns it into one line on
stderr and exit code 2, the web app into an HTTP 4xx with the message (422 for
:class:`TooLargeError`).

A store that cannot be reached is not the user's fault: :class:`StoreUnavailableError` is not
a :class:`MajlisError`; the CLI exits with code 1 and the web app answers 503.
"""

from __future__ import annotations

__all__ = [
    "InfeasibleQuotaError",
    "MajlisError",
    "StoreError",
    "StoreUnavailableError",
    "TooLargeError",
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


class TooLargeError(MajlisError):
    """An input beyond a documented compute limit (seats, lists, players, draws, file size).

    The message names the limit, e.g. ``"at most 100,000 seats per allocation, got 10**12"``.
    """


class StoreError(MajlisError):
    """The store cannot be read or written because of what was asked (a bad name, a bad file)."""


class StoreUnavailableError(RuntimeError):
    """The store's database cannot be reached (not the user's input: CLI exit 1, HTTP 503)."""
