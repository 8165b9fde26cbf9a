"""The app the benchmark server runs: HarzPortal's app with the JSON floor routes
(benchmarks/json_floor.py).

benchmarks/server.py starts `reflex run` with `REFLEX_APP_MODULE_IMPORT=benchmarks.app` (Reflex
reads its `app_module_import` setting from that variable) and `HARZPORTAL_BENCH_ROUTES=1`.
This module refuses to load without that setting, and a production start refuses the setting
(harzportal/startup_checks.py), so the benchmark routes never run in production; the product
package itself neither imports nor mounts them.
"""

from __future__ import annotations

from starlette.applications import Starlette

from benchmarks.json_floor import ROUTES
from harzportal.harzportal import app
from harzportal.settings import get as get_settings

__all__ = ["app"]

if not get_settings().bench_routes:
    raise SystemExit("benchmarks.app mounts benchmark-only routes: set "
                     "HARZPORTAL_BENCH_ROUTES=1 (never in production).")

# Innermost, right around Reflex: inside the product's own routes and its security headers,
# where a product route would answer.
app.api_transformer = [Starlette(routes=ROUTES), *app.api_transformer]
