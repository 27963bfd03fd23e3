from wagtail import hooks

from .member_data import NOTIFICATIONS_MEMBER_DATA, notifications_export
from .setup import notifications_setup

hooks.register("member_export", notifications_export)
hooks.register("member_data", lambda: NOTIFICATIONS_MEMBER_DATA)
hooks.register("site_setup", lambda home: notifications_setup(home))
