from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("account/settings/", views.SettingsView.as_view(), name="settings"),
    path(
        "account/settings/shared-device/",
        views.SharedDeviceSettingsView.as_view(),
        name="settings_shared_device",
    ),
    path("account/recovery-code/", views.RecoveryCodeShowView.as_view(), name="recovery_code_show"),
    path(
        "account/recovery-code/new/", views.RecoveryCodeNewView.as_view(), name="recovery_code_new"
    ),
    path("account/recover/", views.RecoverStartView.as_view(), name="recover"),
    path(
        "account/recover/new-password/",
        views.RecoverPasswordView.as_view(),
        name="recover_password",
    ),
    path("account/export/", views.ExportView.as_view(), name="export"),
    path("account/delete/", views.EraseView.as_view(), name="erase"),
    path("members/<str:handle>/", views.ProfileView.as_view(), name="profile"),
    path("members/<str:handle>/ignore/", views.IgnoreView.as_view(), name="ignore"),
]
