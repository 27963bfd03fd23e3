"""Review-queue actions on the knowledge base's items. Reading and writing
happen on the articles' own addresses, under /kb/."""

from django.urls import path

from . import views

app_name = "peerkb"

urlpatterns = [
    path("<int:pk>/still-accurate/", views.MarkReviewedView.as_view(), name="mark_reviewed"),
    path(
        "<int:pk>/close-suggestion/",
        views.SuggestionCloseView.as_view(),
        name="suggestion_close",
    ),
    path("<int:pk>/decide-idea/", views.ProposalDecideView.as_view(), name="proposal_decide"),
]
