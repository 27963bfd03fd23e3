import factory

from accounts.models import User

DEFAULT_PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member_{n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forum.Category"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


def make_thread(*, category=None, author=None, title="Tester shots", replies=0, **fields):
    """A thread through the real service, with `replies` replies from other members."""
    from forum.services import post_create, thread_create

    author = author or UserFactory()
    thread = thread_create(
        category=category or CategoryFactory(),
        author=author,
        title=title,
        body=fields.pop("body", "Start low, go slow."),
        **fields,
    )
    for number in range(replies):
        post_create(thread=thread, author=UserFactory(), body=f"Reply number {number}.")
    thread.refresh_from_db()
    return thread
