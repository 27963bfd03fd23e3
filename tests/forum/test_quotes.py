from forum.quotes import quoted_text_remove

PLACEHOLDER = "> *The post quoted here was removed.*"


def test_a_carried_quote_becomes_one_placeholder_and_the_replier_s_words_stay():
    removed = "I live near the old mill.\n\nAsk for Jo at the back door."
    reply = "> I live near the old mill.\n>\n> Ask for Jo at the back door.\n\nPlease be careful."

    assert quoted_text_remove(reply, removed=[removed]) == f"{PLACEHOLDER}\n\nPlease be careful."


def test_a_quote_the_replier_trimmed_still_counts_as_carried():
    removed = "I live near the old mill, by the river, with my sister."
    reply = "> near the old mill\n\nThat's a long walk."

    assert quoted_text_remove(reply, removed=[removed]) == f"{PLACEHOLDER}\n\nThat's a long walk."


def test_quotes_of_other_words_stay():
    removed = "Ask for Jo at the back door."
    reply = "> Carry naloxone, always.\n\n> Ask for Jo at the back door.\n\nAgreed."

    assert quoted_text_remove(reply, removed=[removed]) == (
        f"> Carry naloxone, always.\n\n{PLACEHOLDER}\n\nAgreed."
    )


def test_a_quote_of_a_quote_loses_the_removed_words_one_level_deeper():
    removed = "Ask for Jo at the back door."
    reply_to_a_reply = "> > Ask for Jo at the back door.\n>\n> Please don't share that.\n\nTrue."

    assert quoted_text_remove(reply_to_a_reply, removed=[removed]) == (
        f"{PLACEHOLDER}\n> Please don't share that.\n\nTrue."
    )


def test_an_earlier_version_of_the_removed_post_counts_too():
    reply = "> Jo's number is in my bio\n\nThanks"

    assert quoted_text_remove(reply, removed=["Edited away", "Jo's number is in my bio"]) == (
        f"{PLACEHOLDER}\n\nThanks"
    )


def test_a_reply_without_quotes_is_untouched():
    reply = "Ask for Jo at the back door, you said."

    assert quoted_text_remove(reply, removed=["Ask for Jo at the back door."]) == reply
