"""Holding a freshly issued recovery code in the session just long enough to show it."""

import time

CODE_KEY = "accounts.recovery_code_to_show"
# The plain code waits in the session only this long; after that it is dropped
# even if the member never confirmed saving it.
SHOW_FOR_SECONDS = 30 * 60


def code_to_show_remember(request, code: str) -> None:
    request.session[CODE_KEY] = {"code": code, "issued_at": time.time()}


def code_to_show(request) -> str | None:
    held = request.session.get(CODE_KEY)
    if not held:
        return None
    if time.time() - held["issued_at"] > SHOW_FOR_SECONDS:
        code_to_show_forget(request)
        return None
    return held["code"]


def code_to_show_forget(request) -> None:
    request.session.pop(CODE_KEY, None)
