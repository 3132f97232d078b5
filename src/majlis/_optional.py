"""Optional dependencies: import one, or fail with the extra that installs it.

>>> require("json", "dev", "reading JSON").__name__
'json'
>>> require("no_such_module_here", "pandas", "tables as DataFrames")
Traceback (most recent call last):
...
ImportError: tables as DataFrames need the 'pandas' extra: pip install 'majlis[pandas]'
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

__all__ = ["require"]


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise ImportError naming the extra that installs it."""
    try:
        return import_module(module)
    except ImportError:
        raise ImportError(
            f"{purpose} need the {extra!r} extra: pip install 'majlis[{extra}]'"
        ) from None
