import functools

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from fitness.accounts import backends, ratelimit
from fitness.accounts.models import User, WeightUnit, timezone_choices, timezone_names
from fitness.widgets import JoinedSelect


def _locked_message(seconds: int) -> str:
    return (
        "Too many failed sign-in attempts. For your security, password sign-in is paused "
        f"for {ratelimit.minutes(seconds)}. You can still sign in with an email link or "
        "reset your password."
    )


class LockoutMessageMixin:
    """Says "paused for N minutes" instead of "wrong password" while sign-in is locked.

    The lockout itself is in the authentication backend (fitness/accounts/backends.py):
    this only words the refusal, before checking a password that would be refused anyway."""

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip().lower()
        if locked := backends.sign_in_locked(self.request, email):
            raise ValidationError(_locked_message(locked), code="locked")
        try:
            return super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and (
                locked := backends.sign_in_locked(self.request, email)
            ):
                raise ValidationError(_locked_message(locked), code="locked") from error
            raise


class SignInForm(LockoutMessageMixin, AuthenticationForm):
    """Email + password (Django's `username`/`password` field names)."""

    username = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match. Check both and try again.",
    }


class AdminSignInForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The admin's login page, with the same wording of the lockout."""


class RateLimitedEmailMixin(forms.Form):
    """An email address to send a link to, counted against the email-request limits."""

    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = (cleaned.get("email") or "").lower()
        if self.request is not None and email:
            check_email_request_limits(self.request, email)
        return cleaned


class EmailRequestForm(RateLimitedEmailMixin):
    """Asks for an email address to send a link to (magic link)."""


def check_email_request_limits(request, email: str) -> None:
    """Count one email-sending request per IP and per address; refuse past the limit.

    The message is the same whether or not the address has an account."""
    ip = ratelimit.client_ip(request)
    locked = ratelimit.EMAIL_REQUESTS_PER_IP.retry_after(ip)
    locked = locked or ratelimit.EMAIL_REQUESTS_PER_EMAIL.retry_after(email)
    if locked:
        raise ValidationError(
            "Too many email requests. Please wait "
            f"{ratelimit.minutes(locked)} before asking for another link.",
            code="rate_limited",
        )
    ratelimit.EMAIL_REQUESTS_PER_IP.hit(ip)
    ratelimit.EMAIL_REQUESTS_PER_EMAIL.hit(email)


class RateLimitedPasswordResetForm(RateLimitedEmailMixin, PasswordResetForm):
    pass


def no_control_characters(value: str) -> None:
    """A display name is one line of text: it goes into email subjects and calendar names."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ValidationError("Use letters, digits and spaces only: no line breaks or tabs.")


def _valid_timezone(name: str) -> str:
    return name if name in timezone_names() else "UTC"


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label="Your name",
        max_length=100,
        help_text="Shown to your friends.",
        validators=[no_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )
    email = forms.EmailField(
        label="Email", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not only digits, not a common password.",
    )
    password2 = forms.CharField(
        label="Repeat password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # Filled in by static/js/accounts.js from the browser; UTC when absent or unknown.
    timezone = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_email(self) -> str:
        # No "already exists" here: that would tell anyone with the form which addresses
        # have an account. A taken address is handled by the view (a mail to its owner).
        return self.cleaned_data["email"].strip().lower()

    def clean_timezone(self) -> str:
        return _valid_timezone(self.cleaned_data.get("timezone") or "UTC")

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match.")
        elif password1:
            probe = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name"))
            try:
                password_validation.validate_password(password1, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


@functools.cache
def _timezone_options() -> str:
    return str(format_html_join("", '<option value="{}">{}</option>', timezone_choices()))


class TimezoneSelect(JoinedSelect):
    """The ~600 IANA zones, their options joined once per process and cached."""

    def options_html(self, selected: set[str]) -> str:
        options = _timezone_options()
        for value in selected:
            option = str(format_html('<option value="{}">', value))
            options = options.replace(option, option[:-1] + " selected>", 1)
        # Every value and label above went through format_html (escaped).
        return mark_safe(options)  # noqa: S308


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label="Display name", max_length=100, validators=[no_control_characters]
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        choices=timezone_choices,
        widget=TimezoneSelect,
        help_text="Used for your calendar, your streaks and “today”.",
    )
    preferred_unit = forms.ChoiceField(
        label="Preferred unit",
        choices=WeightUnit.choices,
        help_text="Weights everywhere are shown in this unit.",
    )


class InviteCreateForm(forms.Form):
    email = forms.EmailField(
        label="Friend's email (optional)",
        required=False,
        max_length=254,
        help_text="We email them the link. Leave empty to just get a link to share.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AccountDeleteForm(forms.Form):
    confirm_email = forms.CharField(
        label="Type your email to confirm",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm_email(self) -> str:
        value = self.cleaned_data["confirm_email"].strip()
        if value.lower() != self.user.email.lower():
            raise ValidationError("That is not your email address. Nothing was deleted.")
        return value
