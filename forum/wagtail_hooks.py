from wagtail import hooks

from .demo import forum_demo_load
from .models import Thread

HOME_LATEST_THREADS = 5


@hooks.register("home_page_sections")
def latest_threads(request):
    threads = list(Thread.objects.visible_to(request.user).for_list()[:HOME_LATEST_THREADS])
    return {"template": "forum/home_section.html", "threads": threads}


hooks.register("load_demo_data", forum_demo_load)
