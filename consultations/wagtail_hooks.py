from wagtail import hooks

from .member_data import CONSULTATIONS_MEMBER_DATA, consultations_erase, consultations_export
from .services.setup import consultations_setup


@hooks.register("site_setup")
def set_up_consultations(home):
    consultations_setup(home)


hooks.register("member_data", lambda: CONSULTATIONS_MEMBER_DATA)
hooks.register("member_export", consultations_export)
hooks.register("member_erase", consultations_erase)
