"""Production settings with the load benchmark's ceiling URL. Used only by forum_load.py,
which puts benchmarks/ on PYTHONPATH so this imports as `bench_settings`."""

import tempfile
from pathlib import Path

from peersite.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
# The manifest storage needs collectstatic's output; keep it out of the checkout.
STATIC_ROOT = Path(tempfile.gettempdir()) / "wwa-bench-static"
