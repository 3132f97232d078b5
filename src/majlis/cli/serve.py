"""``majlis serve``: the web app on the built-in data, no configuration needed."""

from __future__ import annotations

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
    """Start the web app and print its address."""
    from majlis.web import create_app

    try:
        import uvicorn
    except ImportError:
        raise MajlisError(
            "`majlis serve` needs the 'web' extra: pip install 'majlis[web]'"
        ) from None
    web = create_app(dataset)
    print(f"majlis: serving {dataset!r} at http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")
