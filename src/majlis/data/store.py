"""The store: datasets saved in a database — SQLite by default, PostgreSQL by URL.

The default database is a SQLite file in the user's data directory (``$MAJLIS_HOME`` if set,
else ``$XDG_DATA_HOME/majlis`` or ``~/.local/share/majlis``), created on first use in WAL mode.
Set ``MAJLIS_DATABASE_URL`` (e.g. ``postgresql+psycopg://user@host/db``) to use PostgreSQL
(install the ``postgres`` extra).

Each dataset is stored in relational tables mirroring the CSV format of
:mod:`majlis.data._csv`, keyed by the dataset's name. Saving replaces a dataset in one
transaction, after it has been validated, so a failed import never loses what was saved.

>>> import tempfile
>>> from majlis.data import load_dataset
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/example.sqlite3")
>>> store.save(load_dataset("iraq"), name="iraq")
>>> store.names()
['iraq']
>>> store.load("iraq").parliament(election=2021).seats["sadrist"]
73
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import threading
from pathlib import Path
from typing import Any, Literal

from majlis.data._csv import COLUMNS, dataset_from_tables, dataset_to_tables
from majlis.data.scenarios import Scenario
from majlis.errors import StoreError, StoreUnavailableError, UnknownIdError, ValidationError
from majlis.model import Dataset

__all__ = ["Store", "data_dir", "default_url", "open_dataset", "open_store"]

_INT_COLUMNS = {
    "votes",
    "seats",
    "women_seats",
    "house_size",
    "delta",
    "minority_seats",
    "women_quota",
    "subdistricts",
    "round",
    "count",
    "ministries",
}
_FLOAT_COLUMNS = {"vote_share"}


def data_dir() -> Path:
    """The user's data directory: ``$MAJLIS_HOME``, else ``$XDG_DATA_HOME/majlis`` or ``~/.local/share/majlis``."""
    home = os.environ.get("MAJLIS_HOME", "").strip()
    if home:
        return Path(home)
    base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / "majlis"


def default_url() -> str:
    """The database URL used when none is given: ``MAJLIS_DATABASE_URL`` or the SQLite file."""
    url = os.environ.get("MAJLIS_DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{data_dir() / 'majlis.sqlite3'}"


class Store:
    """Datasets saved in a SQL database (SQLAlchemy 2; SQLite or PostgreSQL)."""

    def __init__(self, url: str | None = None) -> None:
        try:
            import sqlalchemy as sa
        except ImportError:  # pragma: no cover - sqlalchemy is a core dependency
            raise StoreError("the store needs SQLAlchemy: pip install sqlalchemy") from None
        self.url = url or default_url()
        self._sa = sa
        if self.url.startswith("sqlite:///"):
            path = Path(self.url.removeprefix("sqlite:///"))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the data directory {path.parent}: {exc.strerror}"
                ) from None
        try:
            self.engine = sa.create_engine(self.url, future=True)
        except ImportError as exc:
            raise StoreError(
                f"cannot open {self.url.split(':')[0]} database ({exc}); for PostgreSQL: pip install 'majlis[postgres]'"
            ) from None
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"invalid database URL {self.url!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.meta = sa.MetaData()
        self.datasets = sa.Table(
            "datasets",
            self.meta,
            sa.Column("name", sa.String(100), primary_key=True),
            sa.Column("country", sa.String(20), nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("meta", sa.Text, nullable=False),
            sa.Column("saved_at", sa.String(40), nullable=False),
        )
        self.tables = {}
        for table, columns in COLUMNS.items():
            cols = [
                sa.Column(
                    "dataset",
                    sa.String(100),
                    sa.ForeignKey("datasets.name", ondelete="CASCADE"),
                    nullable=False,
                    index=True,
                ),
                sa.Column("row", sa.Integer, nullable=False),
            ]
            cols_typed: list[Any] = cols
            for c in columns:
                typ = (
                    sa.BigInteger
                    if c in _INT_COLUMNS
                    else sa.Float
                    if c in _FLOAT_COLUMNS
                    else sa.Text
                )
                cols_typed.append(sa.Column(c, typ, nullable=True))
            self.tables[table] = sa.Table(
                f"ds_{table}", self.meta, *cols_typed, sa.PrimaryKeyConstraint("dataset", "row")
            )
        # what-if scenarios (majlis.data.scenarios), saved as JSON documents with a random id
        self.scenarios = sa.Table(
            "scenarios",
            self.meta,
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("dataset", sa.String(100), nullable=False, index=True),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("doc", sa.Text, nullable=False),
            sa.Column("created_at", sa.String(40), nullable=False),
            sa.Column("updated_at", sa.String(40), nullable=False),
        )
        try:
            self.meta.create_all(self.engine)
        except sa.exc.OperationalError as exc:  # unreachable server, locked or unreadable file
            raise StoreUnavailableError(
                f"cannot reach the store at {self._safe_url()}: {_first_line(exc)}"
            ) from None
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the store at {self._safe_url()}: {_first_line(exc)}"
            ) from None

    def _safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # ------------------------------------------------------------------ API
    def names(self) -> list[str]:
        """Names of the datasets saved, sorted."""
        with self.engine.connect() as con:
            return sorted(r[0] for r in con.execute(self._sa.select(self.datasets.c.name)))

    def __contains__(self, name: str) -> bool:
        return name in self.names()

    def save(self, ds: Dataset, name: str | None = None) -> None:
        """Save (or replace) a dataset under ``name`` (default: its country code), atomically."""
        name = (name or ds.country or "").strip()
        if not name:
            raise ValidationError("a dataset needs a name (or a country code) to be saved")
        meta, tables = dataset_to_tables(ds)
        sa = self._sa
        try:
            with self.engine.begin() as con:
                for t in reversed(list(self.tables.values())):
                    con.execute(sa.delete(t).where(t.c.dataset == name))
                con.execute(sa.delete(self.datasets).where(self.datasets.c.name == name))
                con.execute(
                    sa.insert(self.datasets).values(
                        name=name,
                        country=ds.country,
                        title=ds.name,
                        meta=json.dumps(meta, ensure_ascii=False),
                        saved_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    )
                )
                for table, rows in tables.items():
                    if rows:
                        con.execute(
                            sa.insert(self.tables[table]),
                            [{"dataset": name, "row": i, **_to_db(r)} for i, r in enumerate(rows)],
                        )
        except sa.exc.OperationalError as exc:
            raise StoreUnavailableError(
                f"could not save dataset {name!r}: {_first_line(exc)}"
            ) from None
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not save dataset {name!r}: {_first_line(exc)}") from None

    def load(self, name: str) -> Dataset:
        """Load the dataset saved under ``name`` (validated again)."""
        sa = self._sa
        with self.engine.connect() as con:
            meta_row = con.execute(
                sa.select(self.datasets.c.meta).where(self.datasets.c.name == name)
            ).first()
            if meta_row is None:
                raise UnknownIdError(
                    f"no dataset {name!r} in the store (saved: {', '.join(self.names()) or 'none'})"
                )
            tables = {}
            for table, t in self.tables.items():
                rows = con.execute(
                    sa.select(t).where(t.c.dataset == name).order_by(t.c.row)
                ).mappings()
                tables[table] = [_from_db(r, COLUMNS[table]) for r in rows]
        return dataset_from_tables(json.loads(meta_row[0]), tables)

    def delete(self, name: str) -> None:
        """Remove a saved dataset."""
        sa = self._sa
        with self.engine.begin() as con:
            for t in reversed(list(self.tables.values())):
                con.execute(sa.delete(t).where(t.c.dataset == name))
            n = con.execute(sa.delete(self.datasets).where(self.datasets.c.name == name)).rowcount
        if not n:
            raise UnknownIdError(f"no dataset {name!r} in the store")

    # ------------------------------------------------------------------ scenarios
    def _scenario_tx(self, what: str) -> Any:
        """A transaction whose connection failures are :class:`StoreUnavailableError`."""
        return _Guard(self, what)

    def save_scenario(self, scenario: Scenario) -> str:
        """Save a new scenario; returns its id (12 URL-safe characters, unguessable).

        >>> import tempfile
        >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/example.sqlite3")
        >>> sid = store.save_scenario(Scenario(title="What if"))
        >>> store.load_scenario(sid).title, len(sid)
        ('What if', 12)
        """
        sid = secrets.token_urlsafe(9)
        now = _now()
        with self._scenario_tx("save the scenario") as con:
            con.execute(
                self._sa.insert(self.scenarios).values(
                    id=sid,
                    dataset=scenario.dataset,
                    title=scenario.title,
                    doc=json.dumps(scenario.to_dict(), ensure_ascii=False),
                    created_at=now,
                    updated_at=now,
                )
            )
        return sid

    def load_scenario(self, sid: str) -> Scenario:
        """The scenario saved under ``sid`` (:class:`UnknownIdError` if none)."""
        row = self._scenario_row(sid)
        return Scenario.from_dict(json.loads(row["doc"]))

    def scenario_record(self, sid: str) -> dict[str, Any]:
        """``{"id", "created", "updated", "scenario"}`` of a saved scenario."""
        row = self._scenario_row(sid)
        return {
            "id": row["id"],
            "created": row["created_at"],
            "updated": row["updated_at"],
            "scenario": Scenario.from_dict(json.loads(row["doc"])).to_dict(),
        }

    def _scenario_row(self, sid: str) -> Any:
        sa = self._sa
        with self._scenario_tx("read the scenario") as con:
            row = (
                con.execute(sa.select(self.scenarios).where(self.scenarios.c.id == str(sid)[:32]))
                .mappings()
                .first()
            )
        if row is None:
            raise UnknownIdError(f"no scenario {sid!r}")
        return row

    def replace_scenario(self, sid: str, scenario: Scenario) -> None:
        """Replace a saved scenario's document (:class:`UnknownIdError` if none)."""
        sa = self._sa
        with self._scenario_tx("change the scenario") as con:
            n = con.execute(
                sa.update(self.scenarios)
                .where(self.scenarios.c.id == str(sid)[:32])
                .values(
                    dataset=scenario.dataset,
                    title=scenario.title,
                    doc=json.dumps(scenario.to_dict(), ensure_ascii=False),
                    updated_at=_now(),
                )
            ).rowcount
        if not n:
            raise UnknownIdError(f"no scenario {sid!r}")

    def delete_scenario(self, sid: str) -> None:
        """Delete a saved scenario (:class:`UnknownIdError` if none)."""
        sa = self._sa
        with self._scenario_tx("delete the scenario") as con:
            n = con.execute(
                sa.delete(self.scenarios).where(self.scenarios.c.id == str(sid)[:32])
            ).rowcount
        if not n:
            raise UnknownIdError(f"no scenario {sid!r}")

    def scenario_list(self, limit: int = 50) -> list[dict[str, str]]:
        """The newest saved scenarios (``id``, ``title``, ``dataset``, ``updated``), at most ``limit``."""
        sa = self._sa
        t = self.scenarios
        with self._scenario_tx("list the scenarios") as con:
            rows = con.execute(
                sa.select(t.c.id, t.c.title, t.c.dataset, t.c.updated_at)
                .order_by(t.c.updated_at.desc(), t.c.id)
                .limit(max(0, min(int(limit), 1000)))
            ).all()
        return [{"id": r[0], "title": r[1], "dataset": r[2], "updated": r[3]} for r in rows]

    def drop_all(self) -> None:
        """Drop every table of the store (tests use this to clean a shared server)."""
        self.meta.drop_all(self.engine)


class _Guard:
    """``with store._scenario_tx(what) as con``: a transaction; an unreachable database is a
    :class:`StoreUnavailableError`, another database error a :class:`StoreError`."""

    def __init__(self, store: Store, what: str) -> None:
        self.store = store
        self.what = what
        self.ctx: Any = None

    def __enter__(self) -> Any:
        sa = self.store._sa
        try:
            self.ctx = self.store.engine.begin()
            return self.ctx.__enter__()
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            raise StoreUnavailableError(f"could not {self.what}: {_first_line(exc)}") from None

    def __exit__(self, *exc_info: Any) -> Literal[False]:
        sa = self.store._sa
        try:
            self.ctx.__exit__(*exc_info)
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            raise StoreUnavailableError(f"could not {self.what}: {_first_line(exc)}") from None
        err = exc_info[1]
        if isinstance(err, (sa.exc.OperationalError, sa.exc.InterfaceError)):
            raise StoreUnavailableError(f"could not {self.what}: {_first_line(err)}") from None
        if isinstance(err, sa.exc.SQLAlchemyError):
            raise StoreError(f"could not {self.what}: {_first_line(err)}") from None
        return False


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _sqlite_pragmas(dbapi_con: Any, _record: Any) -> None:
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]


def _to_db(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, text in row.items():
        v: Any = text if text != "" else None
        if v is not None and k in _INT_COLUMNS:
            v = int(str(v).replace(",", ""))
        elif v is not None and k in _FLOAT_COLUMNS:
            v = float(v)
        out[k] = v
    return out


def _from_db(row: Any, columns: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for c in columns:
        v = row[c]
        if v is None:
            out[c] = ""
        elif isinstance(v, float) and c in _FLOAT_COLUMNS:
            out[c] = repr(v)
        else:
            out[c] = str(v)
    return out


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default :func:`default_url`), opened once per process.

    Thread-safe: concurrent first calls (a web server's worker threads) open it once.
    """
    key = url or default_url()
    store = _stores.get(key)
    if store is None:
        with _stores_lock:
            store = _stores.get(key)
            if store is None:
                store = _stores[key] = Store(key)
    return store


def open_dataset(name: str = "iraq", url: str | None = None) -> Dataset:
    """A dataset by name: from the store if saved there, else a built-in one.

    The built-in Iraq dataset is always available and is read from the installed package (so a
    new release's data is used at once); a dataset imported with ``majlis data import`` under
    the same name takes precedence.
    """
    from majlis.data import BUILTIN, load_dataset

    store = open_store(url)
    saved = store.names()
    if name in saved:
        return store.load(name)
    try:
        return load_dataset(name)
    except UnknownIdError:
        raise UnknownIdError(
            f"unknown dataset {name!r} (saved: {', '.join(saved) or 'none'}; built in: {', '.join(BUILTIN)})"
        ) from None
