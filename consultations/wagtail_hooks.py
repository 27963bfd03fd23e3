from wagtail import hooks

from .demo import consultations_demo_load
from .member_data import CONSULTATIONS_MEMBER_DATA, consultations_erase, consultations_export
from .services.setup import consultations_setup


@hooks.register("site_setup")
def set_up_consultations(home):
    consultations_setup(home)


hooks.register("member_data", lambda: CONSULTATIONS_MEMBER_DATA)
hooks.register("member_export", consultations_export)
hooks.register("member_erase", consultations_erase)
hooks.register("load_demo_data", consultations_demo_load)
