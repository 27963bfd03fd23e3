from django.urls import path

from . import email_views

app_name = "email"

urlpatterns = [
    path("account/settings/email/", email_views.EmailSettingsView.as_view(), name="settings"),
    path(
        "account/settings/email/try-again/",
        email_views.AddressRetryView.as_view(),
        name="address_retry",
    ),
    path("email/<str:token>/", email_views.EmailLinkView.as_view(), name="preferences"),
]
