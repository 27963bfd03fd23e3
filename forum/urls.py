from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.ForumIndexView.as_view(), name="index"),
    path("new/", views.ThreadCreateView.as_view(), name="thread_create"),
    path("c/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("t/<int:pk>/", views.ThreadView.as_view(), name="thread_short"),
    path("t/<int:pk>/reply/", views.ReplyView.as_view(), name="reply"),
    path("t/<int:pk>/follow/", views.FollowView.as_view(), name="thread_follow"),
    path("t/<int:pk>/moderate/", views.ThreadModerateView.as_view(), name="thread_moderate"),
    path("t/<int:pk>/tags/", views.ThreadTagsView.as_view(), name="thread_tags"),
    # Keep last among the thread's URLs: anything else there would be read as a slug.
    path("t/<int:pk>/<str:slug>/", views.ThreadView.as_view(), name="thread"),
    path("c/<slug:slug>/follow/", views.FollowView.as_view(), name="category_follow"),
    path("tags/<str:tag>/", views.TagView.as_view(), name="tag"),
    path("tags/<str:tag>/follow/", views.FollowView.as_view(), name="tag_follow"),
    path("p/<int:pk>/", views.PostLinkView.as_view(), name="post"),
    path("p/<int:pk>/react/", views.ReactView.as_view(), name="react"),
    path("p/<int:pk>/bookmark/", views.BookmarkView.as_view(), name="bookmark"),
    path("p/<int:pk>/helpful/", views.HelpfulView.as_view(), name="helpful"),
    path("bookmarks/", views.BookmarksView.as_view(), name="bookmarks"),
    path("settings/", views.PreferencesView.as_view(), name="preferences"),
    path("p/<int:pk>/edit/", views.PostEditView.as_view(), name="post_edit"),
    path("p/<int:pk>/delete/", views.PostDeleteView.as_view(), name="post_delete"),
    path("p/<int:pk>/history/", views.PostHistoryView.as_view(), name="post_history"),
    path("revisions/<int:pk>/purge/", views.RevisionPurgeView.as_view(), name="revision_purge"),
]
