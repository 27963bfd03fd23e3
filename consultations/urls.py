"""Addresses outside the page tree: organizations' public pages and asking
to act for one. A draft's own addresses are routes on its page."""

from django.urls import path

from .views import listing, organizations

app_name = "consultations"

urlpatterns = [
    # "ask" and "requests" are reserved slugs: no organization can take them.
    path("ask/", organizations.OrganizationRequestView.as_view(), name="organization_request"),
    path(
        "requests/<int:pk>/decide/",
        organizations.RequestDecideView.as_view(),
        name="organization_request_decide",
    ),
    path("<slug:slug>/", listing.organization_page, name="organization"),
    path(
        "<slug:slug>/manage/",
        organizations.OrganizationManageView.as_view(),
        name="organization_manage",
    ),
]
