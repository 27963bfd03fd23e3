from wagtail import hooks

from .member_data import NOTIFICATIONS_MEMBER_DATA, notifications_export

hooks.register("member_export", notifications_export)
hooks.register("member_data", lambda: NOTIFICATIONS_MEMBER_DATA)
