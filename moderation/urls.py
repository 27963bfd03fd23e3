from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("queue/", views.QueueView.as_view(), name="queue"),
    path("queue/<int:pk>/", views.ItemView.as_view(), name="item"),
    path("queue/<int:pk>/decide/", views.ItemDecideView.as_view(), name="item_decide"),
    path("queue/<int:pk>/vote/", views.ItemVoteView.as_view(), name="item_vote"),
    path("queue/<int:pk>/care/", views.ItemCareView.as_view(), name="item_care"),
    path("queue/<int:pk>/appeal/", views.ItemAppealView.as_view(), name="item_appeal"),
    path("queue/<int:pk>/profile/", views.ItemProfileView.as_view(), name="item_profile"),
    path("log/", views.LogView.as_view(), name="log"),
    path("decisions/<int:pk>/", views.DecisionView.as_view(), name="decision"),
    path(
        "decisions/about/<str:model>/<int:pk>/",
        views.ContentDecisionView.as_view(),
        name="content_decision",
    ),
    path("members/<str:handle>/", views.MemberView.as_view(), name="member"),
    path(
        "members/<str:handle>/outreach/",
        views.MemberOutreachView.as_view(),
        name="member_outreach",
    ),
    path("appeal/<str:token>/", views.SuspendedAppealView.as_view(), name="suspended_appeal"),
    path("flag/profile/<str:handle>/", views.ProfileFlagView.as_view(), name="flag_profile"),
    path("flag/<str:model>/<int:pk>/", views.FlagView.as_view(), name="flag"),
]
