import pytest

from django.test import Client

from accounts.forms import SharedDeviceForm
from accounts.models import User
from forum.models import Category
from forum.services.erasure import post_delete
from forum.services.posting import post_create
from forum.services.social import reaction_toggle
from moderation.models import ModerationState
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def anonymous_get(url):
    # A fresh client each time: no cookies, like a first visit.
    return Client().get(url)


def test_a_signed_out_reader_gets_the_stored_page_without_touching_the_database(
    home, django_assert_num_queries
):
    thread = make_thread(body="Start low, go slow")
    first = anonymous_get(thread.get_absolute_url())

    with django_assert_num_queries(0):
        again = anonymous_get(thread.get_absolute_url())

    assert again.status_code == 200
    assert again.content == first.content
    assert "Start low, go slow" in again.content.decode()


def test_a_new_reply_edit_or_reaction_shows_at_once(home, member):
    thread = make_thread(author=member, body="Original")
    url = thread.get_absolute_url()
    anonymous_get(url)

    reply = post_create(thread=thread, author=UserFactory(), body="A fresh reply")
    assert "A fresh reply" in anonymous_get(url).content.decode()

    reaction_toggle(post=reply, user=member, kind="support")
    assert "Support <span>1</span>" in anonymous_get(url).content.decode()

    post_delete(post=reply, actor=reply.author)
    page = anonymous_get(url).content.decode()
    assert "A fresh reply" not in page
    assert "Deleted by its author." in page


def test_a_hidden_thread_is_never_served_from_the_cache(home):
    thread = make_thread(title="Soon hidden")
    anonymous_get(thread.get_absolute_url())

    thread.set_moderation_state(ModerationState.HIDDEN, reason="Hidden pending review: spam")
    thread.save()

    page = anonymous_get(thread.get_absolute_url()).content.decode()
    assert "Hidden pending review: spam" in page
    assert "Start low, go slow." not in page


def test_a_category_turned_members_only_is_not_served_from_the_cache(home):
    thread = make_thread()
    anonymous_get(thread.get_absolute_url())

    category = Category.objects.get(pk=thread.category_id)
    category.is_members_only = True
    category.save()

    assert anonymous_get(thread.get_absolute_url()).status_code == 404


def test_a_new_quick_exit_address_reaches_stored_pages(home):
    from wagtail.models import Site

    from peerkb.models import SafetySettings

    thread = make_thread()
    anonymous_get(thread.get_absolute_url())
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.quick_exit_url = "https://weather.example/"
    safety.save()

    assert "https://weather.example/" in anonymous_get(thread.get_absolute_url()).content.decode()


def test_members_and_visitors_with_cookies_always_get_a_fresh_page(home, member, client):
    thread = make_thread(body="Shared words")
    anonymous_get(thread.get_absolute_url())
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "Your reply" in page


def test_a_new_handle_shows_on_stored_pages_at_once(home):
    thread = make_thread(author=UserFactory(username="river_before"), body="Start low")
    assert "river_before" in anonymous_get(thread.get_absolute_url()).content.decode()

    member = User.objects.get(username="river_before")
    member.username = "brook_after"
    member.save()

    page = anonymous_get(thread.get_absolute_url()).content.decode()
    assert "brook_after" in page
    assert "river_before" not in page


def sign_in(member):
    Client().force_login(member)


def change_password(member):
    member.set_password("a different long passphrase")
    member.save()


def change_settings(member):
    form = SharedDeviceForm(data={"neutral_titles": "on"}, instance=member)
    assert form.is_valid()
    form.save()


@pytest.mark.parametrize("change", [sign_in, change_password, change_settings])
def test_what_stored_pages_do_not_show_leaves_them_stored(home, change, django_assert_num_queries):
    thread = make_thread(author=UserFactory(username="river"), body="Start low")
    first = anonymous_get(thread.get_absolute_url())

    change(User.objects.get(username="river"))

    with django_assert_num_queries(0):
        again = anonymous_get(thread.get_absolute_url())
    assert again.content == first.content
