"""Wagtail's user admin without real names: a handle, an optional email, groups."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User
from .services import clean_handle

ADMIN_USER_FIELDS = {"username", "email", "is_superuser", "groups"}


class PseudonymousFields(forms.Form):
    """What both admin user forms share: no names, optional email, handle rules."""

    first_name = None
    last_name = None
    email = forms.EmailField(required=False, label=_("Email (optional)"))

    def clean_username(self):
        exclude = self.instance.pk if self.instance and self.instance.pk else None
        return clean_handle(self.cleaned_data["username"], exclude_user_id=exclude)


class MemberCreationForm(PseudonymousFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ADMIN_USER_FIELDS


class MemberEditForm(PseudonymousFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = ADMIN_USER_FIELDS | {"is_active"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
