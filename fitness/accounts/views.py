from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe
from sesame.utils import get_user as sesame_get_user

from fitness.accounts import backends, ratelimit, selectors, services
from fitness.accounts.access import get_invite_for_user
from fitness.accounts.forms import (
    AccountDeleteForm,
    EmailRequestForm,
    InviteCreateForm,
    ProfileForm,
    RateLimitedPasswordResetForm,
    SignInForm,
    SignUpForm,
)
from fitness.accounts.models import Invite
from fitness.http import post_only


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


# --- Sign-in ------------------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(open_signup=settings.OPEN_SIGNUP, **kwargs)


@login_not_required
def magic_link_request(request: HttpRequest) -> HttpResponse:
    """Ask for an email; always answer "check your inbox", whether or not it has an account."""
    form = EmailRequestForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.magic_link_request(email=form.cleaned_data["email"], base_url=_base_url(request))
        request.session["link_sent_to"] = form.cleaned_data["email"]
        return redirect("accounts:magic_link_sent")
    return render(request, "accounts/magic_link_request.html", {"form": form})


@login_not_required
@require_safe
def magic_link_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get("link_sent_to", "")
    return render(request, "accounts/magic_link_sent.html", {"email": email})


@login_not_required
def magic_link_login(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirmation button; POST signs in (so mail scanners that prefetch links
    cannot use up the one-time token). sesame checks the 15-minute age and single use."""
    if request.method == "POST":
        user = services.magic_link_redeem(token=token)  # used up from here on
    else:
        user = sesame_get_user(token, update_last_login=False)
    if user is None:
        return render(request, "accounts/magic_link_invalid.html", status=400)
    if request.method == "POST":
        login(request, user, backend="sesame.backends.ModelBackend")
        backends.sign_in_succeeded(user.email)
        messages.success(request, f"Welcome back, {user.display_name}.")
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/magic_link_confirm.html", {"link_user": user})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = RateLimitedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"site_name": "Liftlog"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        # Not form.save(): that looks the account up and sends the mail in the request, so
        # an existing address answered slower than an unknown one. A task does both.
        services.password_reset_request(
            email=form.cleaned_data["email"],
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        return redirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password was changed.")
        return response


# --- Sign-up ------------------------------------------------------------------------------


def _signup(request: HttpRequest, form: SignUpForm, invite_token: str | None):
    """Validate, create the member, sign them in. Returns a response or None (re-render)."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        user = services.user_signup(
            email=data["email"],
            password=data["password1"],
            display_name=data["display_name"],
            timezone_name=data["timezone"],
            invite_token=invite_token,
        )
    except services.EmailTaken:
        # Not "already exists" (an oracle of who has an account): the address's owner gets
        # a mail saying how to sign in, the visitor is told to check that mailbox.
        services.signup_email_taken_notify(email=data["email"], base_url=_base_url(request))
        return render(request, "accounts/signup_check_email.html", {"email": data["email"]})
    except services.InviteUnavailable as error:
        return _invite_unavailable(request, error.status)
    login(request, user, backend=backends.PATH)
    messages.success(request, f"Welcome to Liftlog, {user.display_name}!")
    return redirect(settings.LOGIN_REDIRECT_URL)


def _signup_attempt(request: HttpRequest) -> HttpResponse | None:
    """Count every sign-up POST against the per-IP limit (valid or not, so the form cannot
    be used to try addresses without end); a 429 page once over it."""
    if request.method != "POST":
        return None
    ip = ratelimit.client_ip(request)
    if locked := ratelimit.SIGNUP_PER_IP.retry_after(ip):
        return _rate_limited(request, locked)
    ratelimit.SIGNUP_PER_IP.hit(ip)
    return None


def _invite_unavailable(request: HttpRequest, status: str) -> HttpResponse:
    return render(
        request,
        "accounts/invite_unavailable.html",
        {"status": status},
        status=404 if status == "unknown" else 410,
    )


def _rate_limited(request: HttpRequest, seconds: int) -> HttpResponse:
    return render(
        request,
        "accounts/rate_limited.html",
        {"wait": ratelimit.minutes(seconds)},
        status=429,
    )


@login_not_required
@sensitive_post_parameters("password1", "password2")
def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invite = services.invite_get_usable(token=token)
    except services.InviteUnavailable as error:
        return _invite_unavailable(request, error.status)
    if request.user.is_authenticated:
        return render(request, "accounts/invite_signed_in.html", {"invite": invite})
    if limited := _signup_attempt(request):
        return limited
    form = SignUpForm(request.POST or None, initial={"email": invite.email})
    if request.method == "POST" and (response := _signup(request, form, token)):
        return response
    return render(request, "accounts/signup.html", {"form": form, "invite": invite})


@login_not_required
@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.OPEN_SIGNUP:
        return render(request, "accounts/signup_closed.html", status=404)
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    if limited := _signup_attempt(request):
        return limited
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and (response := _signup(request, form, None)):
        return response
    return render(request, "accounts/signup.html", {"form": form, "invite": None})


# --- Account page -------------------------------------------------------------------------


def _account_context(request: HttpRequest, **forms) -> dict:
    user = request.user
    context = {
        "profile_form": ProfileForm(
            initial={
                "display_name": user.display_name,
                "timezone": user.timezone,
                "preferred_unit": user.preferred_unit,
            }
        ),
        "invite_form": InviteCreateForm(),
        "delete_form": AccountDeleteForm(user=user),
        "friends": list(selectors.friends_of(user)),
        "invites": list(selectors.invites_of(user)),
        "base_url": _base_url(request).rstrip("/"),
        "invite_ttl_days": settings.INVITE_TTL_DAYS,
    }
    context.update(forms)
    return context


@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", _account_context(request))


@login_required
@require_POST
def profile_update(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST)
    if not form.is_valid():
        context = _account_context(request, profile_form=form)
        return render(request, "accounts/account.html", context, status=400)
    services.user_update_profile(
        user=request.user,
        display_name=form.cleaned_data["display_name"],
        timezone_name=form.cleaned_data["timezone"],
        preferred_unit=form.cleaned_data["preferred_unit"],
    )
    messages.success(request, "Your settings were saved.")
    return redirect("accounts:account")


@login_required
@require_POST
def invite_create(request: HttpRequest) -> HttpResponse:
    form = InviteCreateForm(request.POST)
    if not form.is_valid():
        context = _account_context(request, invite_form=form)
        return render(request, "accounts/account.html", context, status=400)
    try:
        invite = services.invite_create(
            inviter=request.user, email=form.cleaned_data["email"], base_url=_base_url(request)
        )
    except services.InviteLimitReached as error:
        form.add_error(None, str(error))
        context = _account_context(request, invite_form=form)
        return render(request, "accounts/account.html", context, status=429)
    if invite.email:
        messages.success(request, f"Invite sent to {invite.email}. The link is below, too.")
    else:
        messages.success(request, "Invite created. Copy the link below and send it to a friend.")
    return redirect(reverse("accounts:account") + "#invites")


@login_required
def invite_revoke(request: HttpRequest, invite_id) -> HttpResponse:
    invite = get_invite_for_user(request.user, invite_id)
    if response := post_only(request):
        return response
    if invite.status != Invite.Status.OPEN:
        messages.warning(request, f"That invite is already {invite.status}.")
    else:
        services.invite_revoke(invite=invite)
        messages.success(request, "Invite revoked: its link no longer works.")
    return redirect(reverse("accounts:account") + "#invites")


@login_required
@require_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST, user=request.user)
    if not form.is_valid():
        context = _account_context(request, delete_form=form)
        return render(request, "accounts/account.html", context, status=400)
    user = request.user
    logout(request)
    services.user_delete(user=user)
    messages.success(request, "Your account and all your data were deleted.")
    return redirect("accounts:login")
