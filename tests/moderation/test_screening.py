import pytest

from django.core.cache import cache
from django.urls import reverse

from moderation.models import WatchedWord, WordAction, WordCategory, WordMatchKind
from moderation.screening import Verdict, rules_changed, screen
from tests.factories import UserFactory
from tests.moderation.sourcing_samples import ORDINARY, SOURCING

pytestmark = pytest.mark.django_db

WATCHED_WORDS_LIST = "wagtailsnippets_moderation_watchedword:list"


def found_in(screening) -> set[str]:
    return {match.found for match in screening.matches}


@pytest.mark.parametrize(
    "text",
    [
        "Call me at 312-555-0199 tonight",
        "my cell is (312) 555 0199",
        "text 555-1234 after work",
        "whatsapp +44 20 7946 0958",
    ],
)
def test_a_phone_number_is_held(member, text):
    screening = screen(text, member)

    assert screening.verdict == Verdict.HOLD
    assert any(match.category == WordCategory.IDENTIFYING for match in screening.matches)


@pytest.mark.parametrize(
    "text",
    [
        "Never Use Alone picks up at 800-484-3731, day or night.",
        "Never Use Alone: (800) 484-3731",
        "Never Use Alone: 1-800-484-3731",
    ],
)
def test_a_toll_free_help_line_is_not_held(member, text):
    screening = screen(text, member)

    assert screening.verdict == Verdict.ALLOW
    assert screening.matches == ()


def test_an_email_address_is_held(member):
    screening = screen("Reach me at river.k@example.com if you want to talk.", member)

    assert screening.verdict == Verdict.HOLD
    assert found_in(screening) == {"river.k@example.com"}


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Come by 1420 Oak Street after six.", "1420 oak street"),
        ("I'm at 88 N Lake Shore Dr most nights", "88 n lake shore dr"),
        ("the spot on 12 Martin Ave", "12 martin ave"),
    ],
)
def test_a_street_address_is_held(member, text, address):
    screening = screen(text, member)

    assert screening.verdict == Verdict.HOLD
    assert found_in(screening) == {address}


@pytest.mark.parametrize(
    "text",
    [
        "took 2 hits on the way home",
        "spent 1 year in court over it",
        "had 3 people at my place last night",
        "saved 1 more for the road",
    ],
)
def test_everyday_phrases_with_a_number_are_not_read_as_street_addresses(member, text):
    assert screen(text, member).verdict == Verdict.ALLOW


@pytest.mark.parametrize("text", ["$80/g, firm", "80 bucks a gram", "1 g for $60", "a g for 70"])
def test_a_price_per_gram_is_held(member, text):
    screening = screen(text, member)

    assert screening.verdict == Verdict.HOLD
    assert [match.category for match in screening.matches] == [WordCategory.SOURCING]


@pytest.mark.parametrize(
    "text",
    [
        "Remember a gram is 1000 mg, so 0.1 g is 100 mg.",
        "1g is 1000mg, weigh it on a scale",
        "the label says 500-1000 mg a day",
    ],
)
def test_dose_arithmetic_is_not_read_as_a_price_or_a_phone_number(member, text):
    assert screen(text, member).verdict == Verdict.ALLOW


@pytest.mark.parametrize(
    "text",
    [
        "hit me up on signal",
        "HMU on insta",
        "dm for menu",
        "DM me for prices",
        "message me on telegram",
        "add me on snap",
        "my snap is river420",
        "wickr: riverk",
        "telegram me",
        "Bars for sale",
    ],
)
def test_an_offer_to_talk_elsewhere_or_to_sell_is_held(member, text):
    screening = screen(text, member)

    assert screening.verdict == Verdict.HOLD
    assert {match.category for match in screening.matches} == {WordCategory.SOURCING}


@pytest.mark.parametrize(
    "text",
    [
        "I sold my car to pay rent",
        "she was selling her old bike",
        "hit me up with questions here anytime",
        "Narcan is sold over the counter now",
    ],
)
def test_ordinary_talk_about_buying_and_selling_is_not_held(member, text):
    assert screen(text, member).verdict == Verdict.ALLOW


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("My brother is an addict.", "addict", "person who uses drugs"),
        ("Addicts deserve care too.", "addicts", "people who use drugs"),
        ("He called her a junkie.", "junkie", "person who uses drugs"),
        ("Those junkies again.", "junkies", "person who uses drugs"),
        ("Just a junky on the corner.", "junky", "person who uses drugs"),
        ("Crackheads get treated badly at the ER.", "crackheads", "person who uses crack"),
        ("Drug users know what works.", "drug users", "person who uses drugs"),
        ("He's a drug abuser.", "drug abuser", "person who uses drugs"),
        ("Services for substance abusers", "substance abusers", "person who uses drugs"),
        ("A history of drug abuse", "drug abuse", "drug use"),
        ("a substance abuse counselor", "substance abuse", "substance use"),
        ("Her drug habit got expensive.", "drug habit", "drug use"),
        ("He's been clean two years.", "been clean", "been in recovery"),
        ("Trying to stay clean this month.", "stay clean", "stay in recovery"),
        ("Staying clean is hard.", "staying clean", "staying in recovery"),
        ("He stayed clean all summer.", "stayed clean", "stayed in recovery"),
        ("Her clean time restarted.", "clean time", "time in recovery"),
        ("Got a dirty test at the clinic.", "dirty test", "positive test"),
        ("Three clean tests in a row!", "clean tests", "negative tests"),
        ("She tested dirty for benzos.", "tested dirty", "tested positive"),
        ("I tested clean last week.", "tested clean", "tested negative"),
        ("They said dirty urine means no take-homes.", "dirty urine", "positive urine test"),
        ("They want clean urine first.", "clean urine", "negative urine test"),
    ],
)
def test_each_stigmatizing_word_nudges_with_its_suggestion(member, text, found, suggestion):
    screening = screen(text, member)

    assert screening.verdict == Verdict.NUDGE
    assert [(nudge.found, nudge.suggestion) for nudge in screening.nudges] == [(found, suggestion)]
    assert screening.nudges[0].explanation
    assert screening.nudges[0].category == WordCategory.STIGMATISING


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("what a junkiе", "junkie"),  # Cyrillic е
        ("an аddict", "addict"),  # Cyrillic а
        ("crаckhеаd", "crackhead"),  # Cyrillic а and е
        ("jun\u200bkie", "junkie"),  # zero-width space
        ("ju\u00adnkie", "junkie"),  # soft hyphen
        ("ＪＵＮＫＩＥ", "junkie"),  # full-width letters
        ("4ddict", "addict"),
    ],
)
def test_look_alike_letters_and_hidden_characters_still_match(member, text, found):
    screening = screen(text, member)

    assert screening.verdict == Verdict.NUDGE
    assert found_in(screening) == {found}


def test_look_alike_letters_do_not_hide_an_offer_to_talk_elsewhere(member):
    assert screen("hit me up оn signal", member).verdict == Verdict.HOLD  # Cyrillic о


@pytest.mark.parametrize(
    "text",
    [
        "clean needles",
        "I got clean needles at the exchange today.",
        "Getting clean works every time matters.",
        "Keep your cooker clean.",
        "Is the water clean enough?",
        "I left my abuser last spring.",
    ],
)
def test_clean_gear_and_other_ordinary_words_do_not_nudge(member, text):
    screening = screen(text, member)

    assert screening.verdict == Verdict.ALLOW
    assert screening.matches == ()


def test_a_block_word_refuses_with_a_message_naming_the_word(member):
    WatchedWord.objects.create(
        pattern="scumbag*",
        action=WordAction.BLOCK,
        explanation="It is an insult aimed at a person",
    )

    screening = screen("You scumbags never help.", member)

    assert screening.verdict == Verdict.BLOCK
    assert "“scumbags”" in screening.message
    assert "It is an insult aimed at a person." in screening.message


def test_a_flag_word_is_flagged(member):
    WatchedWord.objects.create(
        pattern="crypto giveaway",
        action=WordAction.FLAG,
        explanation="This may be a scam.",
    )

    screening = screen("Join my CRYPTO giveaway", member)

    assert screening.verdict == Verdict.FLAG
    # The reason explains; the words found stay in the post alone.
    assert screening.reason == "This may be a scam."


def test_a_new_watched_word_takes_effect_on_the_next_screen(
    member, django_capture_on_commit_callbacks
):
    assert screen("Join my crypto giveaway", member).verdict == Verdict.ALLOW

    with django_capture_on_commit_callbacks(execute=True):
        WatchedWord.objects.create(
            pattern="crypto giveaway", action=WordAction.FLAG, explanation="This may be a scam."
        )

    assert screen("Join my crypto giveaway", member).verdict == Verdict.FLAG


def test_editing_a_watched_word_takes_effect_on_the_next_screen(
    member, django_capture_on_commit_callbacks
):
    assert screen("Her drug habit got expensive.", member).verdict == Verdict.NUDGE
    word = WatchedWord.objects.get(pattern="drug habit")

    with django_capture_on_commit_callbacks(execute=True):
        word.action = WordAction.FLAG
        word.save()

    assert screen("Her drug habit got expensive.", member).verdict == Verdict.FLAG

    with django_capture_on_commit_callbacks(execute=True):
        word.is_active = False
        word.save()

    assert screen("Her drug habit got expensive.", member).verdict == Verdict.ALLOW


def test_deleting_a_watched_word_takes_effect_on_the_next_screen(
    member, django_capture_on_commit_callbacks
):
    assert screen("Bars for sale", member).verdict == Verdict.HOLD

    with django_capture_on_commit_callbacks(execute=True):
        WatchedWord.objects.get(pattern="for sale").delete()

    assert screen("Bars for sale", member).verdict == Verdict.ALLOW


def test_a_change_made_after_the_cache_was_emptied_still_takes_effect(
    member, django_capture_on_commit_callbacks
):
    assert screen("Join my crypto giveaway", member).verdict == Verdict.ALLOW
    cache.clear()  # as when the cache server restarts

    with django_capture_on_commit_callbacks(execute=True):
        WatchedWord.objects.create(
            pattern="crypto giveaway", action=WordAction.FLAG, explanation="This may be a scam."
        )

    assert screen("Join my crypto giveaway", member).verdict == Verdict.FLAG


def test_the_starter_detectors_are_one_row_each(db):
    detectors = WatchedWord.objects.exclude(match_kind=WordMatchKind.WORDS)

    assert sorted(detectors.values_list("match_kind", flat=True)) == sorted(
        kind for kind in WordMatchKind.values if kind != WordMatchKind.WORDS
    )


LINK_POST = "This guide helped me: https://dancesafe.org/fentanyl"


def test_a_new_members_first_post_with_a_link_is_held(member):
    screening = screen(LINK_POST, member, first_contribution=True)

    assert member.trust_level == 0
    assert screening.verdict == Verdict.HOLD
    assert screening.message


def test_a_trusted_members_first_post_with_a_link_is_not_held():
    screening = screen(LINK_POST, UserFactory(trust_level=1), first_contribution=True)

    assert screening.verdict == Verdict.ALLOW


def test_a_new_members_later_post_with_a_link_is_not_held(member):
    screening = screen(LINK_POST, member, first_contribution=False)

    assert screening.verdict == Verdict.ALLOW


def test_a_peer_moderator_can_open_and_add_to_the_watched_words(client, peer_moderator):
    client.force_login(peer_moderator)

    listing = client.get(reverse(WATCHED_WORDS_LIST))
    add_form = client.get(reverse("wagtailsnippets_moderation_watchedword:add"))

    assert listing.status_code == 200
    assert "hit me up on *" in listing.content.decode()
    assert add_form.status_code == 200


def test_a_member_cannot_open_the_watched_words(member_client, home):
    response = member_client.get(reverse(WATCHED_WORDS_LIST))

    assert response.status_code == 403
    assert "hit me up on *" not in response.content.decode()


def test_the_watched_words_list_filters_by_action(client, peer_moderator):
    client.force_login(peer_moderator)

    nudges = client.get(reverse(WATCHED_WORDS_LIST), {"action": WordAction.NUDGE}).content.decode()

    assert "crackhead*" in nudges
    assert "hit me up on *" not in nudges


def test_stigmatizing_words_can_only_nudge():
    from django.core.exceptions import ValidationError

    word = WatchedWord(
        pattern="relapser*",
        action=WordAction.BLOCK,
        category=WordCategory.STIGMATISING,
        suggestion="person who returned to use",
        explanation="Sounds like failing",
    )

    with pytest.raises(ValidationError) as error:
        word.full_clean()
    assert "never a block" in str(error.value.message_dict["action"])


# ---- words people use about themselves ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I was a junkie for ten years. Now I run the needle exchange.",
        "I'm a junkie and I'm proud of surviving.",
        "I am an addict, and I still deserve respect.",
        "As an addict, I know what the ER is like.",
        "They looked at me, a junkie, like I was nothing.",
        "We addicts look out for each other.",
        "I've been clean two years this week.",
        "I’ve been clean since March.",  # a typographic apostrophe
        "My clean time restarted and that's okay.",
        "I'm a recovering drug user.",
    ],
)
def test_a_stigmatizing_word_a_writer_uses_about_themselves_does_not_nudge(member, text):
    screening = screen(text, member)

    assert screening.verdict == Verdict.ALLOW
    assert screening.nudges == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Those junkies in the park again.", "junkies"),
        ("Addicts should get care, not jail.", "addicts"),
        ("My addict brother called last night.", "addict"),
        ("I think junkies get treated worst at the ER.", "junkies"),
        ("I was told he's been clean a year.", "been clean"),
        ("I tested clean last week.", "tested clean"),
    ],
)
def test_a_stigmatizing_word_used_about_other_people_or_a_test_still_nudges(member, text, found):
    screening = screen(text, member)

    assert [nudge.found for nudge in screening.nudges] == [found]


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("He's been clean two years.", "he's been in recovery two years."),
        ("She stayed clean all summer.", "she stayed in recovery all summer."),
        ("Is staying clean hard for him?", "is staying in recovery hard for him?"),
        ("She tested dirty for benzos.", "she tested positive for benzos."),
        ("Three clean tests in a row!", "three negative tests in a row!"),
    ],
)
def test_the_suggestion_fits_in_the_writers_sentence(member, text, reads):
    (nudge,) = screen(text, member).nudges

    assert text.lower().replace(nudge.found, nudge.suggestion) == reads


# ---- what a held post's author is told -------------------------------------


def test_every_held_reason_says_what_happens_and_why_without_guessing_intent(db):
    held = WatchedWord.objects.filter(action=WordAction.HOLD)

    assert held.count() >= 15
    for word in held:
        assert "wait for a peer moderator" in word.explanation, word
        assert "sales" not in word.explanation.split(",")[0], word
    phone = held.get(match_kind=WordMatchKind.PHONE_NUMBER).explanation
    assert phone == (
        "Posts with a phone number wait for a peer moderator, "
        "to keep people's contact details safe."
    )


def test_a_held_reason_keeps_whole_sentences_when_several_apply(member):
    screening = screen(
        "Selling bars, text me at 312-555-0199 or river.k@example.com, 1420 Oak Street.", member
    )

    assert screening.verdict == Verdict.HOLD
    assert len(screening.reason) <= 200
    assert screening.reason.endswith(".")


# ---- sourcing ---------------------------------------------------------------


def test_sourcing_is_held_and_ordinary_talk_is_not_across_the_labelled_posts(member, capsys):
    held_sourcing = sum(screen(text, member).verdict == Verdict.HOLD for text in SOURCING)
    held_ordinary = sum(screen(text, member).verdict == Verdict.HOLD for text in ORDINARY)

    precision = held_sourcing / (held_sourcing + held_ordinary)
    recall = held_sourcing / len(SOURCING)
    with capsys.disabled():
        print(
            f"\nsourcing screening on {len(SOURCING) + len(ORDINARY)} labelled posts: "
            f"precision {precision:.3f} ({held_sourcing}/{held_sourcing + held_ordinary}), "
            f"recall {recall:.3f} ({held_sourcing}/{len(SOURCING)})"
        )
    assert len(SOURCING) + len(ORDINARY) >= 60
    assert precision >= 0.9
    assert recall >= 0.85


@pytest.mark.parametrize(
    "text",
    [
        "Anyone got bars near the bus station? DM me, can pay cash tonight.",
        "I can sort anyone out tonight",
    ],
)
def test_the_sourcing_posts_that_went_live_are_held_with_a_gentle_reason(member, text):
    screening = screen(text, member)

    assert screening.verdict == Verdict.HOLD
    assert WordCategory.SOURCING in {match.category for match in screening.matches}
    assert screening.reason == (
        "Posts that could be about buying or selling drugs wait for a peer moderator, "
        "because the guidelines don't allow arranging sales here."
    )


def test_the_sourcing_detector_can_be_switched_off_like_any_watched_word(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        WatchedWord.objects.filter(match_kind=WordMatchKind.SOURCING).update(is_active=False)
        rules_changed()

    assert screen("I can sort anyone out tonight", member).verdict == Verdict.ALLOW


@pytest.mark.parametrize(
    "text", ["anyone got p3rcs tonight", "any0ne g0t percs? can pay", "se11ing x@ns, dm me"]
)
def test_sourcing_written_with_digits_for_letters_is_held_too(member, text):
    assert screen(text, member).verdict == Verdict.HOLD
