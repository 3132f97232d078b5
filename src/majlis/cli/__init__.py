"""The ``majlis`` command line: thin commands over the library (see each module).

Each module below registers its commands on :data:`majlis.cli._app.app`.
"""

# Importing a command module registers its commands.
from majlis.cli import data_sources as _data_sources
from majlis.cli import forecast as _forecast
from majlis.cli import form as _form
from majlis.cli import formation as _formation
from majlis.cli import negotiate as _negotiate
from majlis.cli import parliament as _parliament
from majlis.cli import portfolios as _portfolios
from majlis.cli import power as _power
from majlis.cli import seats as _seats
from majlis.cli import serve as _serve
from majlis.cli._app import app, main

__all__ = ["app", "main"]
