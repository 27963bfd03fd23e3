from wagtail.admin.views.account import AccountView


class PseudonymousAccountView(AccountView):
    """Wagtail's own account page, without its required first and last name.

    The email address is managed on the site's settings page, where allauth
    verifies it.
    """

    def get_panels(self):
        return [panel for panel in super().get_panels() if panel.name != "name_email"]
