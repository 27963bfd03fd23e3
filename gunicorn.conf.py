"""Production gunicorn settings.

No access log: a line per request would record which pages were read, with
search words and one-time links in the URL. The logger class scrubs addresses
from gunicorn's own error messages: the site never records who visited from where.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
wsgi_app = "peersite.wsgi:application"
accesslog = None
errorlog = "-"
logger_class = "peersite.gunicorn_logging.AddressFreeLogger"
