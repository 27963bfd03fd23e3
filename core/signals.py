"""Signals between apps that must not import each other.

`site_shell_changed` is sent when something shown on every page changes (the
Safety setting: quick-exit address, emergency number), so caches of whole
pages can let go of them.
"""

from django.dispatch import Signal

site_shell_changed = Signal()
