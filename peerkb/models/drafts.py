"""Articles that exist only because the editor autosaved them."""

from django.db import models


class AutosavedDraft(models.Model):
    """An article the editor's autosave created, that no one has saved, sent
    for review or published since. The row goes when someone does. Who
    started it is the page's owner, so nothing here points at a member."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="autosaved_draft"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Autosaved draft {self.page_id}"
