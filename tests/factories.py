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


def make_peer(username: str, *groups: str):
    """A member in the given groups, e.g. make_peer("rio", "Peer reviewers")."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


ARTICLE_BODY = [
    {"type": "heading", "value": "Before you start"},
    {"type": "paragraph", "value": "<p>Start low and go slow with a new batch.</p>"},
    {"type": "safety_tip", "value": {"title": "Test it", "text": "<p>Use a test strip.</p>"}},
]


def make_article(
    *,
    title="Tester shots",
    slug=None,
    author=None,
    body=None,
    topics=(),
    substances=(),
    sources=(("CDC: Overdose prevention", "https://www.cdc.gov/overdose-prevention/"),),
    medical=True,
    reviewers=(),
    live=True,
    summary=None,
):
    """An article under the knowledge base. Live ones are published as peer
    reviewed (the way the seed articles are), credited to `author` (an
    AuthorProfile; a new one, credited as “a peer”, if None)."""
    from django.utils.text import slugify

    from peerkb.models import ArticlePage, AuthorProfile, KnowledgeBaseIndexPage
    from peerkb.seeding import article_build, article_publish_as_reviewed

    article = article_build(
        title=title,
        slug=slug or slugify(title),
        summary=summary or f"What to know about {title.lower()}.",
        body=ARTICLE_BODY if body is None else body,
        author=author or AuthorProfile.objects.create(),
        includes_medical_info=medical,
        sources=sources,
        topics=topics,
        substances=substances,
    )
    KnowledgeBaseIndexPage.objects.get().add_child(instance=article)
    if live:
        article_publish_as_reviewed(article, reviewers=reviewers)
    else:
        article.save_revision(user=article.owner)
    return ArticlePage.objects.get(pk=article.pk)


def make_thread(*, category=None, author=None, title="Tester shots", replies=0, **fields):
    """A thread through the real service, with `replies` replies from other members."""
    from forum.services.posting import post_create, thread_create

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
