from django.urls import path

from .views import NotificationOpenView, NotificationsReadAllView, NotificationsView

# No namespace: templates and tests call these by their bare names.
urlpatterns = [
    path("", NotificationsView.as_view(), name="notifications"),
    path("<int:pk>/open/", NotificationOpenView.as_view(), name="notification_open"),
    path("read-all/", NotificationsReadAllView.as_view(), name="notifications_read_all"),
]
