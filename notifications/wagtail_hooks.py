from wagtail import hooks

from .demo import notifications_demo_load
from .member_data import NOTIFICATIONS_MEMBER_DATA, notifications_export
from .setup import notifications_setup

hooks.register("member_export", notifications_export)
hooks.register("member_data", lambda: NOTIFICATIONS_MEMBER_DATA)
hooks.register("site_setup", lambda home: notifications_setup(home))
# After the other demo content, so its replies to the demo member don't
# print a pile of emails while it loads.
hooks.register("load_demo_data", notifications_demo_load, order=100)
