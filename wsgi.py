"""Entry point for ``gunicorn wsgi:app`` and ``flask --app wsgi``."""

from studyapp import create_app
from studyapp.cards.fitting import start_workers
from studyapp.syllabus import reload_on_sighup

app = create_app()
# Under gunicorn this runs in each worker after its own signal set-up: SIGHUP to a worker
# publishes content/ again; SIGHUP to the master restarts the workers, which load the newest
# published release.
reload_on_sighup(app)
# Fitting candidates' memory parameters runs in background threads of each worker process.
start_workers(app)
