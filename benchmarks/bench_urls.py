"""The site's URLs plus /bench/ceiling/: a constant 10 KB page through the same
middleware and gunicorn, the fastest any page of ours could be served."""

from django.http import HttpResponse
from django.urls import path

from peersite.urls import handler429  # noqa: F401  (Django looks it up on this module)
from peersite.urls import urlpatterns as site_urlpatterns

CEILING_SIZE = 10 * 1024
PARAGRAPH = "<p>Start low, go slow, and never use alone if you can help it.</p>\n"
CEILING_BODY = (
    ("<!doctype html>\n<title>ceiling</title>\n" + PARAGRAPH * (CEILING_SIZE // len(PARAGRAPH)))
    .ljust(CEILING_SIZE)
    .encode()
)


def ceiling(request):
    return HttpResponse(CEILING_BODY, content_type="text/html; charset=utf-8")


# First, because the site's last pattern hands every other path to Wagtail.
urlpatterns = [path("bench/ceiling/", ceiling), *site_urlpatterns]
