"""The ``majlis`` command line: thin commands over the library (see each module).

Each module below registers its commands on :data:`majlis.cli._app.app`.
"""

from majlis.cli._app import app, main

# Importing a command module registers its commands.
from majlis.cli import parliament as _parliament  # noqa: F401,E402
from majlis.cli import power as _power  # noqa: F401,E402
from majlis.cli import serve as _serve  # noqa: F401,E402
from majlis.cli import seats as _seats  # noqa: F401,E402

__all__ = ["app", "main"]
