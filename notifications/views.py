from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from .models import Notification
from .services import notification_open, notifications_mark_all_read


class NotificationsView(LoginRequiredMixin, ListView):
    template_name = "notifications/inbox.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).visible().for_list()


class NotificationOpenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        notification = get_object_or_404(
            Notification.objects.select_related("post__thread"), pk=pk, recipient=request.user
        )
        notification_open(notification=notification)
        target = notification.target_url
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
            return redirect(target)
        return redirect("notifications")


class NotificationsReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        notifications_mark_all_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("notifications")
