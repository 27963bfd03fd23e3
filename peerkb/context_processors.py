from django.utils.functional import SimpleLazyObject

from core.remembered import remembered

from .models import SafetySettings


def safety_settings(request):
    """The Safety setting every page's quick exit and overdose help read, from
    the cache while nobody has changed it (it is forgotten in signals.py)."""

    def read():
        return remembered(
            "safety", lambda: SafetySettings.for_request(request), detail=request.get_host()
        )

    return {"safety_settings": SimpleLazyObject(read)}
