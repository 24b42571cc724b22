"""gunicorn settings for the LIVE portal (知识产权公共信息与教育门户), behind nginx.

    PORTAL_CONTENT_DIRS=/srv/portal/content:/srv/portal/corpus:/srv/portal/instance/content \\
        .venv/bin/gunicorn -c deploy/gunicorn.conf.py

Any setting can be overridden on the command line (``--bind 127.0.0.1:9000``, ``--workers 4``);
the portal's own settings come from PORTAL_* environment variables (see README.md).
"""

from __future__ import annotations

import os

# The application factory: the same as `gunicorn ... 'portal:create_app()'`.
wsgi_app = "portal:create_app()"

# Only nginx on the same host talks to gunicorn; never expose this port publicly.
bind = ["127.0.0.1:8000"]

# 2 sync workers by default (WEB_CONCURRENCY overrides): pages are rendered from memory and
# nginx buffers slow clients, so a few workers serve a county portal comfortably.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"

# Load the app in the master before forking: the content catalogue (every law, policy and
# article) is read and validated ONCE, shared copy-on-write by the workers, and a content error
# stops the start-up with a clear message instead of crashing each worker in turn.
# Content changes therefore need a restart (systemctl restart portal), not a HUP.
preload_app = True

timeout = 30                 # a request taking longer is a bug: the worker is restarted
graceful_timeout = 20        # SIGTERM: finish requests in flight, then exit
keepalive = 5                # nginx keeps upstream connections open
# No recycling: the catalogue and index are read-only, so a worker's memory does not grow.
# A fixed max_requests restarted both workers within seconds of each other under load (the
# pool and every page cache emptied at once, p99 810 ms); if a leak ever needs it, set a
# jitter as large as max_requests itself so restarts are spread out.
max_requests = 0
max_requests_jitter = 0

forwarded_allow_ips = "127.0.0.1,::1"   # trust X-Forwarded-* from the local nginx only
proc_name = "portal"
accesslog = "-"              # to stdout/stderr: journald (systemd) keeps the logs
errorlog = "-"
loglevel = "info"



# gunicorn >= 25 opens a control socket (for gunicornc) in $HOME or $XDG_RUNTIME_DIR by
# default; the portal does not use it. Older versions ignore this setting.
control_socket_disable = True


def on_starting(server) -> None:
    """Before the port opens and any worker forks: open or build the search index (with progress
    in the log), then warm the preloaded app, so no request waits for either."""
    from portal.startup import prepare_index

    try:
        prepare_index(server.app.wsgi(), server.log.info)
    except Exception:  # the site still starts; the index is then built by the first search
        server.log.exception("search index could not be prepared at start-up")
    try:
        from portal.warmup import warm_up

        seconds = warm_up(server.app.wsgi())
    except Exception:  # a failed warm-up only makes the first requests slower
        server.log.exception("portal warm-up failed")
        return
    server.log.info("portal warmed up in %.2f s", seconds)
