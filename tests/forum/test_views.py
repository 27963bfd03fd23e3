import pytest

from django.urls import reverse

from forum.models import POSTS_PER_PAGE, Post, Reaction, Thread
from forum.services.posting import post_create
from moderation.models import ModerationState
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

# Per page, whatever the number of posts. The thread page: the member, the thread,
# what is the member's own on it (one query), and the read marker where reading
# isn't buffered in Redis; the rest is kept (tests/forum/test_thread_page.py).
THREAD_PAGE_QUERY_BOUND = 4
# Lists, on a second visit: the member; their rows, marks, the header's parts and
# the session are kept in the cache (forum/list_cache.py, core/remembered.py).
LIST_QUERY_BOUND = 1


def test_the_forum_index_lists_categories_with_their_latest_thread(client, home):
    thread = make_thread(category=CategoryFactory(name="Safer use", slug="safer-use"))

    page = client.get(reverse("forum:index")).content.decode()

    assert "Safer use" in page
    assert thread.title in page
    assert "1 thread" in page


def test_an_empty_forum_says_so(client, home):
    page = client.get(reverse("forum:index")).content.decode()

    assert "There are no categories yet" in page


def test_a_thread_url_with_a_wrong_slug_redirects_to_the_canonical_one(client, home):
    thread = make_thread(title="Tester shots and you")

    response = client.get(f"/forum/t/{thread.pk}/old-title/?page=1")

    assert response.status_code == 301
    assert response.url == f"/forum/t/{thread.pk}/tester-shots-and-you/?page=1"
    assert client.get(f"/forum/t/{thread.pk}/").url == thread.get_absolute_url()


def test_members_only_categories_show_that_they_exist_but_not_their_threads(client, member, home):
    private = CategoryFactory(name="Members space", slug="members", is_members_only=True)
    thread = make_thread(category=private, title="Private talk")

    index = client.get(reverse("forum:index")).content.decode()
    assert "Members space" in index and "Private talk" not in index
    category_page = client.get(private.get_absolute_url()).content.decode()
    assert "This category is for members" in category_page
    assert "Private talk" not in category_page
    assert '<meta name="robots" content="noindex">' in category_page
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "Private talk" not in client.get("/").content.decode()

    client.force_login(member)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert "Private talk" in client.get(private.get_absolute_url()).content.decode()


@pytest.mark.parametrize("state", [ModerationState.HIDDEN, ModerationState.HELD])
def test_hidden_and_held_threads_stay_out_of_lists_and_pages(client, member, home, state):
    thread = make_thread(title="Not for now")
    Thread.objects.filter(pk=thread.pk).update(moderation_state=state)
    client.force_login(member)

    assert "Not for now" not in client.get(thread.category.get_absolute_url()).content.decode()
    assert "Not for now" not in client.get("/").content.decode()
    # A hidden thread keeps its address as a placeholder; a held one has none yet.
    thread_page = client.get(thread.get_absolute_url())
    assert thread_page.status_code == (200 if state == ModerationState.HIDDEN else 404)
    assert "Not for now" not in thread_page.content.decode()
    assert "Start low, go slow." not in thread_page.content.decode()


def test_a_member_starts_a_thread_in_a_chosen_category(client, member, home):
    category = CategoryFactory(name="Opioids", slug="opioids", posting_guidelines="Be kind.")
    client.force_login(member)

    form_page = client.get(reverse("forum:thread_create") + "?category=opioids")
    assert form_page.context["form"].initial["category"] == category
    assert "Be kind." in form_page.content.decode()

    response = client.post(
        reverse("forum:thread_create"),
        {
            "category": category.pk,
            "title": "First time with tester shots",
            "kind": "question",
            "content_warning": "",
            "tags": "fentanyl, Tester Shots",
            "body": "How long do you wait?",
        },
    )

    thread = Thread.objects.get()
    assert response.url == thread.get_absolute_url()
    assert sorted(thread.tags.names()) == ["fentanyl", "tester shots"]


def test_a_refused_thread_keeps_everything_that_was_typed(client, member, home):
    category = CategoryFactory()
    client.force_login(member)

    response = client.post(
        reverse("forum:thread_create"),
        {
            "category": category.pk,
            "title": "\u200b ",
            "kind": "discussion",
            "content_warning": "",
            "tags": "one, two, three, four, five, six",
            "body": "My words stay here",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Give your thread a title." in page
    assert "Use at most 5 tags." in page
    assert "My words stay here</textarea>" in page
    assert 'value="one, two, three, four, five, six"' in page
    assert not Thread.objects.exists()


def test_starting_a_thread_needs_a_signed_in_member(client, home):
    response = client.get(reverse("forum:thread_create"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_category_a_member_may_not_start_in_is_not_offered_or_accepted(client, member, home):
    closed = CategoryFactory(name="Announcements", slug="news", who_may_start="moderators")
    CategoryFactory(name="Safer use", slug="safer-use")
    client.force_login(member)

    assert "Announcements" not in client.get(reverse("forum:thread_create")).content.decode()
    response = client.post(
        reverse("forum:thread_create"),
        {"category": closed.pk, "title": "Hi", "kind": "discussion", "body": "Hi"},
    )
    assert "Pick one of the categories in the list." in response.content.decode()
    assert not Thread.objects.exists()


def test_a_reply_lands_on_its_page_and_anchor(client, member, home):
    thread = make_thread(replies=POSTS_PER_PAGE)
    client.force_login(member)

    response = client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": "Same here"})

    post = Post.objects.get(body_source="Same here")
    assert post.position == POSTS_PER_PAGE + 2
    assert response.url == f"{thread.get_absolute_url()}?page=2#post-{post.position}"


def test_a_reply_that_mentions_a_member_shows_their_handle_as_a_link(client, member, home):
    friend = UserFactory(username="NaloxoneNic")
    thread = make_thread()
    client.force_login(member)

    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {"body": "@naloxonenic showed me how to use the spray."},
    )

    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'<a href="{friend.get_absolute_url()}" rel="nofollow ugc noopener noreferrer">' in page
    assert ">@NaloxoneNic</a> showed me how to use the spray." in page


def test_an_empty_reply_is_refused_beside_the_box(client, member, home):
    thread = make_thread()
    client.force_login(member)

    response = client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": "   "})

    assert response.status_code == 200
    assert "Write something before posting." in response.content.decode()
    assert thread.posts.count() == 1


def test_a_reply_to_a_locked_thread_keeps_the_text_and_says_why(client, member, home):
    thread = make_thread()
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client.force_login(member)

    response = client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": "Please keep this"}
    )

    page = response.content.decode()
    assert "This thread is locked" in page
    assert thread.posts.count() == 1


def test_quoting_prefills_the_reply_and_links_the_original(client, member, home):
    thread = make_thread(body="Carry naloxone always")
    original = thread.posts.get()
    client.force_login(member)

    page = client.get(thread.get_absolute_url() + f"?quote={original.pk}")
    assert page.context["reply_form"].initial == {
        "body": "> Carry naloxone always\n\n",
        "quoted_post": original.pk,
    }
    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {"body": "> Carry naloxone always\n\nYes!", "quoted_post": original.pk},
    )

    html = client.get(thread.get_absolute_url()).content.decode()
    assert f'href="{original.get_absolute_url()}"' in html


def test_a_content_warning_collapses_posts_in_details(client, home):
    thread = make_thread(content_warning="overdose", body="What happened that night")

    html = client.get(thread.get_absolute_url()).content.decode()

    assert "<details" in html
    assert "Content warning: Overdose. Open to read." in html


def test_an_experience_report_and_its_story_open_together_behind_one_warning(client, member, home):
    thread = make_thread(
        author=member,
        kind="experience",
        content_warning="overdose",
        body="I went slow and had a friend with me.",
        report={"setting": "at home"},
        doses=[{"substance": "heroin", "minutes_in": 0}],
        replies=1,
    )

    html = client.get(thread.get_absolute_url()).content.decode()

    first_warning = html.split("<details", 1)[1].split("</details>", 1)[0]
    assert "Open to read the report." in first_warning
    assert "heroin" in first_warning
    assert "I went slow and had a friend with me." in first_warning
    assert 'id="post-1"' in first_warning
    assert 'id="post-2"' not in first_warning
    assert html.count("Content warning: Overdose.") == 2  # the report with its story, the reply


def test_edit_history_and_deletion_from_the_thread_page(client, member, home):
    thread = make_thread(author=member, body="Version one")
    post = thread.posts.get()
    client.force_login(member)

    client.post(reverse("forum:post_edit", kwargs={"pk": post.pk}), {"body": "Version two"})
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Version two" in html and "edited" in html
    history = client.get(reverse("forum:post_history", kwargs={"pk": post.pk}))
    assert "Version one" in history.content.decode()

    client.post(reverse("forum:post_delete", kwargs={"pk": post.pk}))
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Deleted by its author." in html
    assert "Version two" not in html


def test_other_members_cannot_edit_delete_or_read_history(client, member, home):
    post = make_thread(author=member).posts.get()
    client.force_login(UserFactory())

    for name in ("post_edit", "post_delete", "post_history"):
        assert client.get(reverse(f"forum:{name}", kwargs={"pk": post.pk})).status_code == 403


def test_a_tag_page_lists_its_threads(client, home):
    make_thread(title="Strips", tags=["fentanyl"])
    make_thread(title="Other", tags=["alcohol"])

    page = client.get(reverse("forum:tag", kwargs={"tag": "fentanyl"})).content.decode()

    assert "Strips" in page and "Other" not in page


def test_list_and_thread_pages_cost_the_same_at_5_and_50_posts(client, member, home, page_costs):
    category = CategoryFactory()
    for number in range(5):
        make_thread(category=category, title=f"Thread {number}", tags=["a", "b"])
    thread = make_thread(category=category, title="Busy", replies=4, tags=["c"])
    client.force_login(member)
    urls = [reverse("forum:index"), category.get_absolute_url(), thread.get_absolute_url()]

    at_five = page_costs(client, urls)
    opening = thread.posts.get(position=1)
    for number in range(45):
        post_create(thread=thread, author=UserFactory(), body=f"More {number}", quoted_post=opening)
    Reaction.objects.bulk_create(
        Reaction(post=post, user=member, kind="support") for post in thread.posts.all()
    )
    at_fifty = page_costs(client, [*urls[:2], thread.get_absolute_url() + "?page=2"])

    assert thread.posts.count() == 50
    assert at_five == at_fifty
    index_cost, category_cost, thread_cost = at_fifty
    assert index_cost <= LIST_QUERY_BOUND
    assert category_cost <= LIST_QUERY_BOUND
    assert thread_cost <= THREAD_PAGE_QUERY_BOUND


def test_the_thread_page_shows_at_most_twenty_posts(client, home):
    thread = make_thread(replies=POSTS_PER_PAGE + 4)

    first = client.get(thread.get_absolute_url())
    second = client.get(thread.get_absolute_url() + "?page=2")

    assert len(first.context["posts"]) == POSTS_PER_PAGE
    assert len(second.context["posts"]) == 5
    assert 'rel="next"' in first.content.decode()


def test_the_home_page_shows_the_latest_threads(client, home):
    make_thread(title="Newest talk")

    assert "Newest talk" in client.get("/").content.decode()


def test_posting_from_the_page_does_not_double_post_on_a_double_click(client, member, home):
    thread = make_thread()
    client.force_login(member)
    url = reverse("forum:reply", kwargs={"pk": thread.pk})

    client.post(url, {"body": "Once"})
    client.post(url, {"body": "Once"})

    assert thread.posts.filter(body_source="Once").count() == 1


def test_an_odd_quote_parameter_is_ignored_not_an_error(client, home):
    thread = make_thread()

    assert client.get(thread.get_absolute_url() + "?quote=%C2%B2").status_code == 200


def test_a_reply_cannot_quote_a_deleted_post(client, member, home):
    from forum.services.erasure import post_delete

    thread = make_thread(replies=1)
    gone = thread.posts.get(position=2)
    post_delete(post=gone, actor=gone.author)
    client.force_login(member)

    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {"body": "Quoting nothing", "quoted_post": gone.pk},
    )

    assert Post.objects.get(body_source="Quoting nothing").quoted_post is None


def test_a_moderator_editing_someones_post_gives_a_reason_the_author_and_log_see(
    client, member, peer_moderator, home
):
    from moderation.models import ActionKind, ModerationAction
    from tests.html import parse, visible_text

    post = make_thread(author=member, body="Ask Jo at the Elm St shelter").posts.get()
    edit_url = reverse("forum:post_edit", kwargs={"pk": post.pk})
    client.force_login(member)
    own_form = client.get(edit_url).content.decode()
    client.force_login(peer_moderator)
    moderators_form = client.get(edit_url).content.decode()

    without_reason = client.post(edit_url, {"body": "Ask at the shelter", "reason": ""})
    page = without_reason.content.decode()
    with_reason = client.post(edit_url, {"body": "Ask at the shelter", "reason": "Took out a name"})

    assert 'name="reason"' not in own_form
    assert 'name="reason"' in moderators_form
    assert without_reason.status_code == 400
    assert "Write a short reason. The author will see it." in page
    assert "Ask at the shelter</textarea>" in page
    assert Post.objects.get(pk=post.pk).body_source == "Ask at the shelter"
    assert with_reason.status_code == 302
    record = ModerationAction.objects.get(action=ActionKind.EDIT)
    log = " ".join(visible_text(client.get(reverse("moderation:log")).content.decode()).split())
    assert "Edited content" in log and "Took out a name" in log

    client.force_login(member)
    notifications = client.get(reverse("notifications")).content.decode()
    decision_url = reverse("moderation:decision", kwargs={"pk": record.pk})
    opened = client.post(
        next(
            attributes["action"]
            for tag, attributes in parse(notifications).tags
            if tag == "form" and "/open/" in attributes.get("action", "")
        ),
        follow=True,
    )
    assert opened.redirect_chain[-1][0] == decision_url
    assert "Took out a name" in opened.content.decode()
    assert 'name="message"' in opened.content.decode()


def test_after_a_member_erases_their_account_a_quote_of_their_post_shows_no_text(
    client, member, password, home
):
    """The quoted member erases their account; the reply that quoted them keeps
    the replier's own words and says the quoted post was removed."""
    thread = make_thread(body="Opening")
    leaving = post_create(thread=thread, author=member, body="Ask for Jo at the mill door.")
    replier = UserFactory()
    client.force_login(replier)
    form = client.get(thread.get_absolute_url() + f"?quote={leaving.pk}").context["reply_form"]
    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {"body": form.initial["body"] + "Please take that down.", "quoted_post": leaving.pk},
    )
    reply = Post.objects.get(author=replier)
    client.post(
        reverse("forum:post_edit", kwargs={"pk": reply.pk}),
        {"body": form.initial["body"] + "Please take that down, it names Jo."},
    )
    client.force_login(member)
    client.post(reverse("accounts:erase"), {"password": password})

    client.force_login(replier)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Jo at the mill" not in page
    assert "Please take that down, it names Jo." in page
    assert "The post quoted here was removed." in page
    assert "Quoting a post that was removed" in page
    history = client.get(reverse("forum:post_history", kwargs={"pk": reply.pk})).content
    assert "Jo at the mill" not in history.decode()
    assert not Post.objects.filter(body_source__contains="Jo at the mill").exists()


def test_a_quote_of_a_post_its_author_deleted_shows_no_text(client, member, home):
    thread = make_thread(body="Opening")
    original = post_create(thread=thread, author=member, body="My sister's name is Dee.")
    post_create(
        thread=thread,
        author=UserFactory(),
        body="> My sister's name is Dee.\n\nLovely name.",
        quoted_post=original,
    )
    client.force_login(member)

    client.post(reverse("forum:post_delete", kwargs={"pk": original.pk}))

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Dee" not in page
    assert "Lovely name." in page
    assert "Quoting a post that was removed" in page
