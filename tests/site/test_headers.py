import pytest

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, set[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = set(values)
    return parsed


def assert_privacy_headers(response):
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def assert_strict_policy(response):
    policy = directives(response)
    assert response["X-Frame-Options"] == "DENY"
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_an_anonymous_page_has_the_strict_policy_and_privacy_headers(client, home):
    response = client.get("/")

    assert_strict_policy(response)
    assert_privacy_headers(response)


def test_a_signed_in_page_has_the_strict_policy_and_privacy_headers(member_client, home):
    response = member_client.get("/account/settings/")

    assert response.status_code == 200
    assert_strict_policy(response)
    assert_privacy_headers(response)


def test_the_admin_relaxes_only_what_wagtail_needs(client, peer_moderator):
    client.force_login(peer_moderator)

    response = client.get("/admin/")

    assert response.status_code == 200
    policy = directives(response)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy["frame-ancestors"] == {"'self'"}
    assert policy["default-src"] == {"'self'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}
    every_source = {value for values in policy.values() for value in values}
    assert {value for value in every_source if "." in value or "://" in value} == set()
    assert_privacy_headers(response)
