"""The dashboard's server: `python -m streamlit run server.py` (what `python3 tasks.py run` and the
deployment files start). It serves dashboard.py through Streamlit's own Starlette app (`st.App`,
Streamlit >= 1.53; Streamlit finds the `app = st.App(...)` assignment below and runs it under
uvicorn, with .streamlit/config.toml and the command line options as for any script), adding:

- POST /_pup/session: redeems a sign-in's one-time ticket for a random token and sets it as the
  cookie `pup_session` (HttpOnly, SameSite=Lax, Path=/, Secure with PUP_COOKIE_SECURE=1), so a
  reload, a new tab or a bookmark stays signed in (pages/_auth.py, analytics/sessions.py);
- POST /_pup/logout: ends the cookie's session and clears the cookie;
- a lifespan that, before the first visitor is let in, settles Streamlit's view of the pages/
  folder (see `settle_pages_folder`) and does what the first visitor would otherwise wait for
  (`warm_up`), so /_stcore/health answers only once the app is ready.

Both routes refuse a POST whose Origin is not this site (browsers send Origin with every POST), so
another site cannot sign a browser in or out; behind a proxy, pass the Host header on unchanged
(nginx: `proxy_set_header Host $http_host;`). The routes are mounted at the site's root
(server.baseUrlPath is not supported by them).

`streamlit run dashboard.py` still works for development: without these routes the sign-in lasts as
long as the tab.
"""

from __future__ import annotations

import logging
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from analytics import config, sessions
from analytics import store as store_api
from pages import _auth as auth

LOGGER = logging.getLogger("pup.server")
_STORE: dict[str, store_api.Store] = {}


def _store() -> store_api.Store:
    """The routes' own handle on the store (PUP_DATABASE_URL), opened at the first request."""
    url = config.database_url()
    if url not in _STORE:
        _STORE[url] = store_api.open_store(url)
    return _STORE[url]


def same_origin(request: Request) -> bool:
    """A POST sent by one of this site's own pages: its Origin names the host it was sent to."""
    sent = request.headers.get("origin")
    if not sent or sent == "null":
        return False
    return urlsplit(sent).netloc == request.headers.get("host", "")


def _refused() -> Response:
    return PlainTextResponse("403: żądanie spoza tej strony / a request from another site", status_code=403)


def _cookie_options(request: Request) -> dict[str, Any]:
    secure = config.cookie_secure() or request.url.scheme == "https"
    return {"httponly": True, "samesite": "lax", "path": "/", "secure": secure}


async def session_route(request: Request) -> Response:
    """The page's background POST of its ticket: 204 with the cookie, or 410 for a spent ticket."""
    if not same_origin(request):
        return _refused()
    form = await request.form()
    token = await run_in_threadpool(sessions.redeem_ticket, _store(), str(form.get("ticket") or ""),
                                    request.headers.get("user-agent", ""))
    if token is None:
        return Response(status_code=410)          # used, run out, or never ours: no cookie
    response = Response(status_code=204)
    response.set_cookie(sessions.COOKIE_NAME, token, max_age=int(sessions.lifetime().total_seconds()),
                        **_cookie_options(request))
    return response


async def logout_route(request: Request) -> Response:
    """After the logout button (the session is already ended by then): end the cookie's session if
    it is still open, and clear the cookie."""
    if not same_origin(request):
        return _refused()
    token = request.cookies.get(sessions.COOKIE_NAME)
    if token:
        await run_in_threadpool(sessions.end_by_token, _store(), token, "user")
    response = Response(status_code=204)
    response.delete_cookie(sessions.COOKIE_NAME, **_cookie_options(request))
    return response


def settle_pages_folder() -> None:
    """Streamlit 1.67 takes a `pages/` folder beside the main script for an old-style (v1) multipage
    app until some script has called st.navigation: the first session sets the class attribute
    PagesManager.uses_pages_directory from Path("pages").exists(), and while it is true the script
    runner runs its own file list (_mpa_v1) instead of dashboard.py, so the very first visitor after
    a start saw a list of our pages/ files and "Page not found" for a deep link. Our pages/ folder
    holds st.navigation pages, so the flag is set to what st.navigation itself leaves, False, before
    any session exists (PagesManager only sets it while it is None). Pinned by
    tests/test_server.py and the first-visit browser test."""
    PagesManager.uses_pages_directory = False


def warm_up() -> None:
    """What the first visitor would otherwise wait for: the dashboard's imports (pandas, plotly,
    SQLAlchemy, ours) and the store opened, with the demo loaded on a new installation, through the
    same cached functions the script calls, so its first run finds them done. A failure is logged
    and the server starts anyway (the page then says the store is unavailable)."""
    started = time.perf_counter()
    try:
        import analytics.display.participation  # noqa: F401
        import analytics.metrics  # noqa: F401
        import pages._document  # noqa: F401
        import pages._sidebar  # noqa: F401
        from pages import _shared

        imported = time.perf_counter()
        _shared.store()                  # st.cache_resource: _open_store and _load_demo_once
        LOGGER.info("warm-up: imports %.2f s, store %.2f s",
                    imported - started, time.perf_counter() - imported)
    except Exception:  # noqa: BLE001 - an unreachable database must not stop the server starting
        LOGGER.exception("warm-up failed; the dashboard starts anyway")


@asynccontextmanager
async def lifespan(_app: Any):
    # Streamlit's runtime is started before this runs, and uvicorn accepts connections only after it.
    settle_pages_folder()
    await run_in_threadpool(warm_up)
    yield


settle_pages_folder()              # at import too: nothing may create a session before it
auth.COOKIE_ROUTES["mounted"] = True

app = st.App(
    Path(__file__).resolve().with_name("dashboard.py"),      # whatever the working directory
    lifespan=lifespan,
    routes=[
        Route(auth.SESSION_ROUTE, session_route, methods=["POST"]),
        Route(auth.LOGOUT_ROUTE, logout_route, methods=["POST"]),
    ],
)
