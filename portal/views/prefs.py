"""长辈模式 without JavaScript on the live site: a link that sets a cookie and returns to the page."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, redirect, request
from werkzeug.wrappers import Response

bp = Blueprint("prefs", __name__)
COOKIE = "portal-elder"
ONE_YEAR = 365 * 24 * 3600


def _safe_next(target: str | None) -> str:
    """Only a path of this site; anything else goes to the home page."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@bp.get("/prefs/elder")
def elder() -> Response:
    """Turn 长辈模式 on (``on=1``) or off (``on=0``) and go back to ``next``."""
    on = request.args.get("on") == "1"
    response = redirect(_safe_next(request.args.get("next")), code=303)
    response.set_cookie(COOKIE, "1" if on else "0", max_age=ONE_YEAR, samesite="Lax", httponly=False)
    return response


def elder_on() -> bool:
    """Whether this request asked for 长辈模式 (live site only; the frozen site uses CSS and the script)."""
    return not current_app.config.get("FREEZING") and request.cookies.get(COOKIE) == "1"


def elder_href() -> str:
    """Where the 长辈模式 link leads: the cookie route live, the page's own #elder target frozen."""
    if current_app.config.get("FREEZING"):
        return "#elder"
    from urllib.parse import quote

    target = request.full_path.rstrip("?")
    return f"/prefs/elder?on={'0' if elder_on() else '1'}&next={quote(target, safe='/')}"


def init_app(app: Flask) -> None:
    """Expose the 长辈模式 state and link to templates; the cookie route is never frozen."""
    from ..freeze import LIVE_ONLY_ENDPOINTS

    LIVE_ONLY_ENDPOINTS.add("prefs.elder")
    app.jinja_env.globals.update(elder_on=elder_on, elder_href=elder_href)
