from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("member_data")
def accounts_member_data() -> dict:
    return {
        "exported": {
            "accounts.User.groups": "roles",
            "accounts.User.user_permissions": "roles",
            "accounts.Profile.user": "profile",
            "accounts.Ignore.user": "members_you_ignore",
            "account.EmailAddress.user": "email_addresses",
            "mfa.Authenticator.user": "sign_in_methods",
            "wagtailusers.UserProfile.user": "editor_preferences",
        },
        "excluded": {
            "accounts.Ignore.ignored": _(
                "Who ignores you is their choice and stays private to them."
            ),
        },
    }
