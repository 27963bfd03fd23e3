from django.urls import path

from .views import lists, posting, social, thread_tools, threads

app_name = "forum"

urlpatterns = [
    path("", lists.ForumIndexView.as_view(), name="index"),
    path("new/", posting.ThreadCreateView.as_view(), name="thread_create"),
    path("c/<slug:slug>/", lists.CategoryView.as_view(), name="category"),
    path("t/<int:pk>/", threads.ThreadView.as_view(), name="thread_short"),
    path("t/<int:pk>/reply/", posting.ReplyView.as_view(), name="reply"),
    path("t/<int:pk>/follow/", social.FollowView.as_view(), name="thread_follow"),
    path("t/<int:pk>/actions/", social.ThreadActionsView.as_view(), name="thread_actions"),
    path("t/<int:pk>/moderate/", thread_tools.ThreadToolsView.as_view(), name="thread_moderate"),
    path("t/<int:pk>/tags/", thread_tools.ThreadTagsView.as_view(), name="thread_tags"),
    # Keep last among the thread's URLs: anything else there would be read as a slug.
    path("t/<int:pk>/<str:slug>/", threads.ThreadView.as_view(), name="thread"),
    path("c/<slug:slug>/follow/", social.FollowView.as_view(), name="category_follow"),
    path("tags/<str:tag>/", lists.TagView.as_view(), name="tag"),
    path("tags/<str:tag>/follow/", social.FollowView.as_view(), name="tag_follow"),
    path("p/<int:pk>/", threads.PostLinkView.as_view(), name="post"),
    path("p/<int:pk>/react/", social.ReactView.as_view(), name="react"),
    path("p/<int:pk>/bookmark/", social.BookmarkView.as_view(), name="bookmark"),
    path("p/<int:pk>/helpful/", social.HelpfulView.as_view(), name="helpful"),
    path("bookmarks/", social.BookmarksView.as_view(), name="bookmarks"),
    path("settings/", social.PreferencesView.as_view(), name="preferences"),
    path("p/<int:pk>/edit/", posting.PostEditView.as_view(), name="post_edit"),
    path("p/<int:pk>/delete/", posting.PostDeleteView.as_view(), name="post_delete"),
    path("p/<int:pk>/history/", posting.PostHistoryView.as_view(), name="post_history"),
    path("revisions/<int:pk>/purge/", posting.RevisionPurgeView.as_view(), name="revision_purge"),
]
