"""``majlis serve``: the web app on the built-in data, no configuration needed."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from majlis.cli._app import app
from majlis.errors import MajlisError


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    dataset: Annotated[str, typer.Option("--dataset", help="Dataset to serve.")] = "iraq",
) -> None:
    """Start the web app and print its address and the token that saving scenarios needs.

    The token is ``$MAJLIS_TOKEN`` if set; otherwise one is generated on the first start and
    kept in the data directory (``$MAJLIS_HOME``, beside the SQLite store).
    Example: majlis serve --port 8080
    """
    from majlis.data.store import data_dir
    from majlis.web import create_app
    from majlis.web.security import load_or_create_token

    try:
        import uvicorn
    except ImportError:
        raise MajlisError(
            "`majlis serve` needs the 'web' extra: pip install 'majlis[web]'"
        ) from None
    token = os.environ.get("MAJLIS_TOKEN", "").strip()
    where = "$MAJLIS_TOKEN"
    if not token:
        token, path = load_or_create_token(data_dir())
        where = str(path)
    web = create_app(dataset, token=token)
    print(f"majlis: serving {dataset!r} at http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    print(f"majlis: token for saving scenarios: {token}  (from {where})", flush=True)
    # one process: forecast and negotiation jobs live in its memory and the page polls them;
    # uvicorn picks uvloop and httptools when installed (the 'web' extra installs them)
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
