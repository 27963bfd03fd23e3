import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.recovery_session import CODE_KEY
from notifications.models import EmailPreference
from tests.factories import UserFactory
from tests.html import visible_text

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")
PASSWORD = "a-long-pass-phrase"


def signup(client, **fields):
    data = {"username": "river", "password1": PASSWORD, "password2": PASSWORD, "email": ""}
    data.update(fields)
    return client.post(SIGNUP_URL, data)


def test_signup_with_only_a_handle_and_a_password_creates_the_member(client, home):
    response = signup(client, username="river")

    assert response.status_code == 302
    assert response.url == reverse("accounts:recovery_code_show")
    member = User.objects.get(username="river")
    assert member.email == ""
    assert not EmailAddress.objects.filter(user=member).exists()
    # Nothing is emailed unless the member asks: no email choices are saved.
    assert not EmailPreference.objects.filter(member=member).exists()


def test_signup_shows_a_recovery_code_once_and_keeps_only_its_hash(client, home):
    signup(client, username="river")
    code = client.session[CODE_KEY]["code"]

    page = client.get(reverse("accounts:recovery_code_show"))
    assert code in visible_text(page.content.decode())
    member = User.objects.get(username="river")
    assert code not in member.recovery_code_hash
    assert len(code.split("-")) == 4 and all(len(group) == 5 for group in code.split("-"))

    client.post(reverse("accounts:recovery_code_show"))
    shown_again = client.get(reverse("accounts:recovery_code_show")).content.decode()
    assert code not in visible_text(shown_again)


def test_signup_with_an_email_sends_a_discreet_confirmation(client, home):
    signup(client, username="river", email="river@example.org")

    member = User.objects.get(username="river")
    address = EmailAddress.objects.get(user=member)
    assert address.email == "river@example.org"
    assert address.verified is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Confirm your email address"
    text = (message.subject + message.body).lower()
    for revealing in ("drug", "overdose", "harm reduction", "where we're at", "river"):
        assert revealing not in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ab", "at least 3 characters"),
        ("a" * 31, "at most 30 characters"),
        ("river@example.org", "looks like an email address"),
        ("555-123-4567", "looks like a phone number"),
        ("river 2", "Use only letters (a to z), numbers, _ and -"),
        ("río", "Use only letters (a to z), numbers, _ and -"),
        ("Admin", "kept for the site itself"),
        ("moderator_1", "kept for the site itself"),
        ("Where-Were-At", "kept for the site itself"),
        ("support", "kept for the site itself"),
    ],
)
def test_a_refused_handle_says_why_and_keeps_what_was_typed(client, home, typed, message):
    response = signup(client, username=typed, email="kept@example.org")

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    form = response.context["form"]
    assert form.errors["username"]
    assert form["username"].value() == typed
    assert 'value="kept@example.org"' in page
    assert not User.objects.exists()


def test_a_handle_is_unique_regardless_of_case(client, home):
    UserFactory(username="River")

    response = signup(client, username="rIVER")

    assert "Someone already uses that handle" in response.content.decode()
    assert User.objects.count() == 1


def test_invisible_and_direction_characters_are_stripped_from_a_handle(client, home):
    signup(client, username="ri\u200bver\u202e")

    assert User.objects.filter(username="river").exists()


def test_a_handle_made_only_of_invisible_characters_around_a_reserved_name_is_refused(client, home):
    response = signup(client, username="ad\u200dmin")

    assert "kept for the site itself" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "typed",
    [
        "adm1n",
        "m0derator",
        "r00t",
        "admins",
        "mods",
        "sysadmin",
        "site-admin",
        "the_admin",
        "staff_team",
        "WhereWeAreAt",
    ],
)
def test_handles_that_pass_for_staff_or_the_site_are_refused(client, home, typed):
    response = signup(client, username=typed)

    assert "kept for the site itself" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("typed", ["supportive_friend", "modern_mary", "badminton_fan"])
def test_ordinary_handles_that_contain_a_short_reserved_word_are_fine(client, home, typed):
    signup(client, username=typed)

    assert User.objects.filter(username=typed).exists()


def test_a_handle_with_a_trailing_newline_is_refused_by_the_model_rule():
    from django.core.exceptions import ValidationError

    from accounts.handles import validate_handle

    with pytest.raises(ValidationError):
        validate_handle("river\n")


def shown_messages(client, response, email, handle):
    messages = client.get(response.url).context["messages"]
    return [str(message).replace(email, "EMAIL").replace(handle, "HANDLE") for message in messages]


def test_signing_up_with_someone_elses_email_reveals_nothing_on_screen(client, home):
    owner = UserFactory(username="owner", email="taken@example.org")
    EmailAddress.objects.create(user=owner, email="taken@example.org", verified=True)
    fresh = Client()
    fresh_response = signup(fresh, username="newcomer", email="free@example.org")
    mail.outbox.clear()

    response = signup(client, username="river", email="taken@example.org")

    assert response.status_code == fresh_response.status_code == 302
    assert response.url == fresh_response.url
    river = User.objects.get(username="river")
    assert river.email == ""
    assert not EmailAddress.objects.filter(user=river).exists()
    expected = shown_messages(fresh, fresh_response, "free@example.org", "newcomer")
    assert "Confirmation email sent to EMAIL." in expected
    assert shown_messages(client, response, "taken@example.org", "river") == expected
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["taken@example.org"]
    assert notice.subject == "About your email address"
    assert "already belongs to an account" in notice.body
    assert "river" not in notice.body


def test_an_erased_handle_cannot_be_registered_again_in_any_case(client, home, password):
    leaving = UserFactory(username="Nightjar")
    client.force_login(leaving)
    client.post(reverse("accounts:erase"), {"password": password})
    client.logout()

    response = signup(client, username="nightJAR", email="kept@example.org")

    assert response.status_code == 200
    form = response.context["form"]
    assert "belonged to someone who has left" in " ".join(form.errors["username"])
    assert form["username"].value() == "nightJAR"
    assert 'value="kept@example.org"' in response.content.decode()
    assert not User.objects.filter(username__iexact="nightjar").exists()


def test_only_a_keyed_hash_of_an_erased_handle_is_kept(settings):
    from accounts.handles import retired_handle_digest
    from accounts.models import RetiredHandle
    from accounts.services import is_retired, member_erase

    member_erase(user=UserFactory(username="Nightjar"))

    stored = RetiredHandle.objects.get().digest
    assert "nightjar" not in stored.lower()
    assert stored == retired_handle_digest("NIGHTJAR")
    assert stored != retired_handle_digest("nightjar", secret="a different secret key")
    assert is_retired("nightjar") and not is_retired("nightjar2")
    # After a key rotation the old digests still count.
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new secret key for this deployment"
    assert is_retired("NightJar")
