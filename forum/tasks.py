from celery import shared_task

from .models.posts import Post
from .notifications import notify_about_post, notify_about_reaction


@shared_task(name="forum.tasks.notify_post", acks_late=True)
def notify_post(post_id: int) -> int:
    post = Post.objects.select_related("thread", "quoted_post").filter(pk=post_id).first()
    return notify_about_post(post) if post else 0


@shared_task(name="forum.tasks.notify_reaction", acks_late=True)
def notify_reaction(post_id: int) -> None:
    post = Post.objects.filter(pk=post_id).first()
    if post:
        notify_about_reaction(post)
