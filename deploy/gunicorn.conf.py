"""gunicorn settings of one app server, as deploy/start runs it on this machine and
deploy/studyapp@.service on a server of its own:

    gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 wsgi:app

The address is given on the command line; STUDYAPP_WORKERS sets the worker count.
"""

import os

# Sync workers: nginx in front buffers slow clients, so a worker is busy only while the app
# works. Two or three per core; each server of a pair should carry the whole load alone.
workers = int(os.environ.get("STUDYAPP_WORKERS", "4"))
worker_class = "sync"
# A request running longer than this is killed and its worker replaced; nothing it did is
# half-written (every write is one transaction), and nginx answers 502 for it.
timeout = 30
graceful_timeout = 20  # on SIGTERM, requests in progress get this long to finish
# Connections come from nginx alone (X-Forwarded-For and -Proto are read by the app itself,
# with FLASK_TRUSTED_PROXIES=1), so gunicorn's own forwarded-header handling stays at its default.
# gunicorn's control socket is one per user by default, which several servers would share;
# signals to the pid file (deploy/start's run folder) do what it would.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# The client's address as nginx saw it first, then the usual request line and timing.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s'
