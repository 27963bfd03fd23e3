from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .demo import forum_demo_load
from .listing import listed_threads, with_unread_marks
from .member_data import FORUM_MEMBER_DATA, forum_export
from .models import Category, Thread
from .services.erasure import member_posts_erase
from .services.reading import member_reads_erase

HOME_LATEST_THREADS = 5


class CategoryViewSet(SnippetViewSet):
    model = Category
    # What each category keeps out of emails and from visitors, at a glance.
    list_display = [
        "name",
        BooleanColumn("is_sensitive", label=gettext_lazy("Sensitive")),
        BooleanColumn("is_members_only", label=gettext_lazy("Members only")),
    ]


register_snippet(CategoryViewSet)


@hooks.register("home_page_sections")
def latest_threads(request):
    # Sensitive categories never appear in previews, and the front page is one.
    # A preview: no unread marks.
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(category__is_sensitive=False)
        .for_list()[:HOME_LATEST_THREADS]
    )
    rows = with_unread_marks(listed_threads(threads, show_category=True), reads={})
    return {"template": "forum/home_section.html", "rows": rows}


hooks.register("load_demo_data", forum_demo_load)
hooks.register("member_export", forum_export)
hooks.register("member_data", lambda: FORUM_MEMBER_DATA)
hooks.register("member_erase", member_posts_erase)
hooks.register("member_erase", member_reads_erase)
