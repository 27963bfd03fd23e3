from wagtail import hooks

from .member_data import CONSULTATIONS_MEMBER_DATA, consultations_export
from .organization_admin import organization_viewset
from .services.setup import consultations_setup


@hooks.register("site_setup")
def set_up_consultations(home):
    consultations_setup(home)


hooks.register("member_data", lambda: CONSULTATIONS_MEMBER_DATA)
hooks.register("member_export", consultations_export)


@hooks.register("register_admin_viewset")
def register_organization_viewset():
    return organization_viewset
