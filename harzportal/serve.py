"""The production server without a resident build parent (issue 23).

`reflex run --env prod --single-port` compiles the app, builds the frontend and then stays
resident (about 270 MB) as the parent of the process that serves. Here the two steps are apart:

- `harzportal build` compiles the app and exports the frontend once (`reflex export
  --frontend-only --no-zip`, into `.web/build/client`, each text asset precompressed as `.br` and
  `.gz` next to it: rxconfig's `frontend_compression_formats`);
- `harzportal serve` serves Reflex's ASGI app (`app()`: the websocket, uploads, our Starlette
  routes and middlewares) with the exported files mounted on the same port, by Granian. With
  one worker (`WORKERS=1`, the default) Granian runs embedded in this very process: one process
  in all. With several, Granian's supervisor (a small process that never imports the app)
  spawns `WORKERS` processes, each importing the app itself.

The static files are served by Reflex's own mount (`PrecompressedStaticFiles`: the `.br`/`.gz`
sidecar the request's Accept-Encoding prefers, with `Vary: Accept-Encoding`), inside our
middlewares, so the security and cache headers apply to them as before.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What `reflex run --env prod --single-port` sets for the process that serves.
SERVING_ENVIRONMENT = {
    "REFLEX_ENV_MODE": "prod",
    "REFLEX_SKIP_COMPILE": "true",  # the frontend is built; the app only sets up its routes
    "REFLEX_MOUNT_FRONTEND_COMPILED_APP": "true",  # the exported files on the same port
}


def build(loglevel: str = "warning") -> int:
    """Compile the app and export the frontend (exit status of `reflex export`)."""
    command = [str(Path(sys.executable).parent / "reflex"), "export", "--frontend-only",
               "--no-zip", "--env", "prod", "--loglevel", loglevel]
    return subprocess.run(command, cwd=ROOT, env=os.environ | {"REFLEX_USE_SYSTEM_BUN": "1"}
                          ).returncode


def _prepare_environment() -> None:
    os.environ.update(SERVING_ENVIRONMENT)
    from reflex_base import constants
    from reflex_base.environment import environment

    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.set(True)


def asgi_app():
    """Reflex's ASGI app with the exported frontend mounted (Granian's factory target)."""
    _prepare_environment()
    from reflex.utils import prerequisites

    return prerequisites.get_and_validate_app().app()


def _static_dir() -> Path:
    from reflex.utils import prerequisites
    from reflex_base import constants

    return prerequisites.get_web_dir() / constants.Dirs.STATIC


def serve(workers: int, host: str, port: int, loglevel: str = "warning") -> int:
    _prepare_environment()
    if not (_static_dir() / "index.html").exists():
        print(f"no exported frontend in {_static_dir()}: run `harzportal build` first",
              file=sys.stderr)
        return 1
    from granian.constants import Interfaces
    from granian.log import LogLevels

    level = LogLevels(os.environ.get("GRANIAN_LOG_LEVEL", loglevel))
    if workers == 1:
        return asyncio.run(_serve_embedded(host, port, level))
    import multiprocessing

    from granian.server import Server

    # Spawned workers import the app themselves; the supervisor stays small.
    multiprocessing.set_start_method("spawn", force=True)
    Server(target="harzportal.serve:asgi_app", factory=True, address=host, port=port,
           interface=Interfaces.ASGI, workers=workers, log_level=level,
           # a websocket client stays connected for hours: no worker recycling
           ).serve()
    return 0


async def _serve_embedded(host: str, port: int, level) -> int:
    from granian.constants import Interfaces
    from granian.server.embed import Server

    server = Server(target=asgi_app(), address=host, port=port, interface=Interfaces.ASGI,
                    log_level=level)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, server.stop)
    await server.serve()
    return 0


def workers_from_environment() -> int:
    """WORKERS (or Granian's own GRANIAN_WORKERS), default 1."""
    value = os.environ.get("WORKERS") or os.environ.get("GRANIAN_WORKERS") or "1"
    return max(1, int(value))
