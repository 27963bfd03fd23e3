from wagtail import hooks

from .demo import forum_demo_load
from .member_data import FORUM_MEMBER_DATA, forum_export
from .models import Thread
from .services.erasure import member_posts_erase

HOME_LATEST_THREADS = 5


@hooks.register("home_page_sections")
def latest_threads(request):
    # Sensitive categories never appear in previews, and the front page is one.
    threads = list(
        Thread.objects.visible_to(request.user)
        .filter(category__is_sensitive=False)
        .for_list()[:HOME_LATEST_THREADS]
    )
    return {"template": "forum/home_section.html", "threads": threads}


hooks.register("load_demo_data", forum_demo_load)
hooks.register("member_export", forum_export)
hooks.register("member_data", lambda: FORUM_MEMBER_DATA)
hooks.register("member_erase", member_posts_erase)
