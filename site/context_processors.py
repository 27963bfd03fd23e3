from django.conf import settings


def site_shell(request):
    """What base.html needs on every page besides the Safety setting."""
    return {"SITE_NAME": settings.SITE_NAME}
