from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.ForumIndexView.as_view(), name="index"),
    path("new/", views.ThreadCreateView.as_view(), name="thread_create"),
    path("c/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("t/<int:pk>/", views.ThreadView.as_view(), name="thread_short"),
    path("t/<int:pk>/reply/", views.ReplyView.as_view(), name="reply"),
    path("t/<int:pk>/<str:slug>/", views.ThreadView.as_view(), name="thread"),
    path("tags/<str:tag>/", views.TagView.as_view(), name="tag"),
    path("p/<int:pk>/edit/", views.PostEditView.as_view(), name="post_edit"),
    path("p/<int:pk>/delete/", views.PostDeleteView.as_view(), name="post_delete"),
    path("p/<int:pk>/history/", views.PostHistoryView.as_view(), name="post_history"),
    path("revisions/<int:pk>/purge/", views.RevisionPurgeView.as_view(), name="revision_purge"),
]
