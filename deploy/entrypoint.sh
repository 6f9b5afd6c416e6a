#!/bin/sh
# The one way the dashboard starts as a service: the container runs it (Dockerfile), so does systemd
# (pup-dashboard.service) and CI (tests/test_deploy.py).
#   1. compile the UI catalogues if their .po changed, and open the store once: its tables are
#      created or upgraded (PUP_DATABASE_URL) before anyone connects, and a database that cannot
#      be reached stops the start here, with its error;
#   2. exec Streamlit on server.py: Streamlit replaces this shell, so SIGTERM reaches it directly.
# Settings: PUP_ADDRESS (default 127.0.0.1; only the Dockerfile sets 0.0.0.0, inside the container),
# PUP_PORT (default 8501), PUP_PYTHON (default: the checkout's .venv, else python3). Any arguments
# are passed on to `streamlit run` (e.g. --server.baseUrlPath pup).
set -eu
cd "$(dirname "$0")/.."
if [ -z "${PUP_PYTHON:-}" ]; then
    if [ -x .venv/bin/python ]; then PUP_PYTHON=.venv/bin/python; else PUP_PYTHON=python3; fi
fi
"$PUP_PYTHON" -c '
from analytics.catalogue import compile_catalogues
from analytics.store import open_store
compile_catalogues()
open_store().close()'
exec "$PUP_PYTHON" -m streamlit run server.py \
    --server.headless true \
    --server.address "${PUP_ADDRESS:-127.0.0.1}" \
    --server.port "${PUP_PORT:-8501}" \
    --browser.gatherUsageStats false \
    "$@"
