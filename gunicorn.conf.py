"""Production gunicorn settings.

The access-log format leaves out the client address (%(h)s) on purpose, and
the logger class scrubs addresses from gunicorn's own error messages: the site
never records who visited from where.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
wsgi_app = "peersite.wsgi:application"
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
logger_class = "peersite.gunicorn_logging.AddressFreeLogger"
