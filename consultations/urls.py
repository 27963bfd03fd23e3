"""Addresses outside the page tree: organizations' public pages and asking
to act for one. A draft's own addresses are routes on its page."""

from django.urls import path

from .views import listing

app_name = "consultations"

urlpatterns = [
    path("<slug:slug>/", listing.organization_page, name="organization"),
]
