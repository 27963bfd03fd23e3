from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from ..models import Notification
from ..services.notifications import notification_open, notifications_mark_all_read


class NotificationsView(LoginRequiredMixin, ListView):
    template_name = "forum/notifications.html"
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
        if notification.moderation_action_id is not None:
            return redirect("moderation:decision", pk=notification.moderation_action_id)
        if notification.queue_item_id is not None:
            return redirect("moderation:item", pk=notification.queue_item_id)
        if notification.post is not None:
            return redirect(notification.post.get_absolute_url())
        return redirect("notifications")


class NotificationsReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        notifications_mark_all_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("notifications")
