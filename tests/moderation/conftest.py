import pytest

from forum.models import Post
from tests.factories import UserFactory, make_thread


@pytest.fixture
def author(db):
    return UserFactory(username="sam", trust_level=0)


@pytest.fixture
def thread(author, home):
    return make_thread(author=UserFactory(username="opener", trust_level=1), replies=0)


@pytest.fixture
def post(thread, author) -> Post:
    """A reply by `author`, the post the community flags in these tests."""
    from forum.services.posting import post_create

    return post_create(thread=thread, author=author, body="Anyone around tonight?")


@pytest.fixture
def make_member(db):
    counter = iter(range(1000))

    def make(level: int = 1, **fields):
        return UserFactory(username=f"peer_{next(counter)}", trust_level=level, **fields)

    return make


@pytest.fixture
def second_moderator(home):
    from django.contrib.auth.models import Group

    moderator = UserFactory(username="kai")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    return moderator
