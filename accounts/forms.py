from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import clean_plain_text

from .models import HereAs, Profile, User
from .services import recovery_code_matches, shared_device_chosen

PASSWORD_HELP = _("At least 10 characters. A few unrelated words work well.")


class LoginForm(AllauthLoginForm):
    shared_device = forms.BooleanField(
        label=_("Other people use this phone or computer"),
        required=False,
        help_text=_("Quick exit will sign you out too. You can change this in your settings."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Handle")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
        # allauth links the email reset here; the page offers both ways back
        # in once, the recovery code first, since many members have no email.
        self.fields["password"].help_text = ""

    def login(self, request, redirect_url=None):
        if self.cleaned_data.get("shared_device"):
            shared_device_chosen(user=self.user)
        return super().login(request, redirect_url)


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields["username"].label = _("Handle")
        self.fields["username"].help_text = _(
            "The name others see. Not your real name: 3 to 30 letters, numbers, _ or -."
        )
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].label = _("Password again")
        self.fields["email"].label = _("Email (optional)")
        self.fields["email"].help_text = _(
            "Only for resetting your password. Never shown to anyone. "
            "Without it, your recovery code gets you back in."
        )
        self.email_already_in_use = ""

    def validate_unique_email(self, value):
        """An address that is already used is left off the new account, without
        saying so here: telling would let anyone check whether someone is a member."""
        try:
            return super().validate_unique_email(value)
        except forms.ValidationError as error:
            if error.code != "email_taken":
                raise
            self.email_already_in_use = value
            return ""


class VerifiedEmailResetPasswordForm(ResetPasswordForm):
    """Password reset by email, only to an address the member has verified.

    An unverified address could belong to anyone; sending it a reset link would
    hand the account to whoever typed it in.
    """

    def clean_email(self):
        email = super().clean_email()
        verified_user_ids = set(
            EmailAddress.objects.filter(
                email__iexact=email, verified=True, user__in=self.users
            ).values_list("user_id", flat=True)
        )
        self.users = [user for user in self.users if user.pk in verified_user_ids]
        return email


class RecoveryCodeForm(forms.Form):
    handle = forms.CharField(label=_("Your handle"), max_length=60)
    code = forms.CharField(
        label=_("Your recovery code"),
        max_length=60,
        help_text=_("Four groups of five letters and numbers, like ABCDE-FGHJK-MNPQR-23456."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    error_message = _("That handle and recovery code don't match. Check both and try again.")

    def clean(self):
        cleaned = super().clean()
        handle, code = cleaned.get("handle"), cleaned.get("code")
        if handle and code:
            user = User.objects.filter(username__iexact=handle.strip(), is_active=True).first()
            if not recovery_code_matches(user=user, code=code):
                raise forms.ValidationError(self.error_message, code="no_match")
            self.user = user
        return cleaned


class ConfirmWithPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password isn't right."), code="wrong_password")
        return password


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["pronouns", "bio", "here_as"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": Profile.BIO_MAX_LENGTH})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["here_as"].choices = [("", _("Rather not say")), *HereAs.choices]

    def clean_pronouns(self):
        return clean_plain_text(self.cleaned_data["pronouns"]).replace("\n", " ")

    def clean_bio(self):
        return clean_plain_text(self.cleaned_data["bio"])


class SharedDeviceForm(forms.ModelForm):
    """What quick exit does and what browser tabs show: for phones and
    computers that other people pick up."""

    class Meta:
        model = User
        fields = ["quick_exit_signs_out", "neutral_titles"]
