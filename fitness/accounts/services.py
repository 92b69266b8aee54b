"""Writes for accounts: invites, sign-up, profile, deletion, and the emails they send."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from sesame.utils import get_token
from sesame.utils import get_user as sesame_get_user

from fitness.accounts.models import Invite, User

logger = logging.getLogger(__name__)


class InviteUnavailable(Exception):
    """The invite cannot be used: `status` is "unknown", "used", "expired" or "revoked"."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


class EmailTaken(Exception):
    pass


def _send(*, template: str, to: str, context: dict) -> None:
    context = {"site_name": "Liftlog", **context}
    # One line, whatever a display name holds: a line break would be a header injection.
    subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _one_line(text: str) -> str:
    """Whitespace runs (line breaks and tabs included) become one space."""
    return " ".join(text.split())


# --- Invites ------------------------------------------------------------------------------


def invite_url(*, invite: Invite, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("accounts:invite_accept", args=[invite.token])


class InviteLimitReached(Exception):
    """Too many open invites, or too many invites today: the message says which."""


def _check_invite_limits(inviter: User) -> None:
    now = timezone.now()
    sent = Invite.objects.filter(inviter=inviter)
    day = settings.INVITES_PER_DAY
    if sent.filter(created_at__gt=now - timedelta(days=1)).count() >= day:
        raise InviteLimitReached(
            f"You created {day} invites in the last 24 hours, the most for one day. "
            "Try again tomorrow."
        )
    open_max = settings.INVITES_OPEN_MAX
    open_now = sent.filter(revoked_at=None, used_at=None, expires_at__gt=now).count()
    if open_now >= open_max:
        raise InviteLimitReached(
            f"You have {open_now} open invites, the most at one time. Revoke one you no "
            "longer need, or wait until one is used or expires."
        )


@transaction.atomic
def invite_create(*, inviter: User, email: str = "", base_url: str) -> Invite:
    """Create an invite; when it is for an email address, send the link there.

    At most INVITES_OPEN_MAX open invites and INVITES_PER_DAY new ones per member (raises
    InviteLimitReached); the inviter's row is locked so parallel posts cannot pass both."""
    User.objects.select_for_update().filter(pk=inviter.pk).first()
    _check_invite_limits(inviter)
    invite = Invite.objects.create(inviter=inviter, email=email.strip().lower())
    if invite.email:
        from fitness.accounts import tasks  # tasks call this module's services

        tasks.enqueue(tasks.invite_email, str(invite.pk), base_url)
    return invite


def invite_send(*, invite_id, base_url: str) -> bool:
    """Email an open invite's link to its address (the invite_email task)."""
    invite = Invite.objects.select_related("inviter").filter(pk=invite_id).first()
    if invite is None or not invite.email or invite.status != Invite.Status.OPEN:
        return False
    _send(
        template="invite",
        to=invite.email,
        context={
            "inviter": invite.inviter,
            "link": invite_url(invite=invite, base_url=base_url),
            "expires_at": invite.expires_at,
        },
    )
    return True


def invite_revoke(*, invite: Invite) -> Invite:
    """Revoke an open invite (used invites stay as they are: they are history)."""
    if invite.status == Invite.Status.OPEN:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])
    return invite


def invite_get_usable(*, token: str) -> Invite:
    invite = Invite.objects.select_related("inviter").filter(token=token).first()
    if invite is None:
        raise InviteUnavailable("unknown")
    if invite.status != Invite.Status.OPEN:
        raise InviteUnavailable(invite.status)
    return invite


# --- Sign-up ------------------------------------------------------------------------------


@transaction.atomic
def user_signup(
    *,
    email: str,
    password: str,
    display_name: str,
    timezone_name: str = "UTC",
    invite_token: str | None = None,
) -> User:
    """Create a member, through an invite (sets `invited_by`, marks the invite used) or by
    open sign-up. The invite row is locked (SELECT … FOR UPDATE), so two concurrent
    submissions of one invite create exactly one member; the other gets InviteUnavailable."""
    invite = None
    if invite_token is not None:
        invite = Invite.objects.select_for_update().filter(token=invite_token).first()
        if invite is None:
            raise InviteUnavailable("unknown")
        if invite.status != Invite.Status.OPEN:
            raise InviteUnavailable(invite.status)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                display_name=_one_line(display_name),
                timezone=timezone_name,
                invited_by_id=invite.inviter_id if invite else None,
            )
    except IntegrityError as error:  # the unique email index, under a race
        raise EmailTaken(email) from error
    if invite is not None:
        invite.used_at = timezone.now()
        invite.used_by = user
        invite.save(update_fields=["used_at", "used_by"])
    return user


def signup_email_taken_notify(*, email: str, base_url: str) -> None:
    """Someone tried to sign up with an address that has an account: tell its owner."""
    from fitness.accounts import tasks

    tasks.enqueue(tasks.signup_email_taken_email, email, base_url)


def signup_email_taken_send(*, email: str, base_url: str) -> bool:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return False
    base = base_url.rstrip("/")
    _send(
        template="signup_email_taken",
        to=user.email,
        context={
            "user": user,
            "login_url": base + reverse("accounts:login"),
            "reset_url": base + reverse("accounts:password_reset"),
        },
    )
    return True


# --- Profile & deletion -------------------------------------------------------------------


def user_update_profile(
    *, user: User, display_name: str, timezone_name: str, preferred_unit: str
) -> User:
    zone_changed = user.timezone != timezone_name
    user.display_name = _one_line(display_name)
    user.timezone = timezone_name
    user.preferred_unit = preferred_unit
    user.save(update_fields=["display_name", "timezone", "preferred_unit"])
    if zone_changed:
        # Weekly counts, streaks and chart periods are local weeks and days: made again in
        # the new zone, by the worker.
        from fitness.accounts.tasks import enqueue
        from fitness.workouts.tasks import history_summaries_rebuild_task

        enqueue(history_summaries_rebuild_task, str(user.pk))
    return user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete a member and everything they own.

    The database cascades (schema doc): templates and their exercises, workout sessions,
    sets, custom exercises, scheduled workouts, import jobs and invites sent go with the
    member; invitees keep their accounts with `invited_by` set to NULL; invites they used
    keep their row with `used_by` NULL.
    """
    user.delete()


# --- Magic links --------------------------------------------------------------------------


def magic_link_redeem(*, token: str) -> User | None:
    """The member of a valid one-time sign-in link, claimed for this request only; None when
    the link is invalid, expired or used.

    sesame makes the link single-use through `last_login` (in the token's signature), but
    checking the token and moving `last_login` are two steps: parallel requests with one link
    all passed the check before the first moved it. The conditional update below is the
    claim: PostgreSQL re-checks its WHERE on the locked row, so exactly one request matches
    the `last_login` the token was made with; the others see it moved and get None.
    """
    user = sesame_get_user(token, update_last_login=False)
    if user is None:
        return None
    claimed = User.objects.filter(pk=user.pk, last_login=user.last_login).update(
        last_login=timezone.now()
    )
    return user if claimed == 1 else None


def magic_link_request(*, email: str, base_url: str) -> None:
    """Queue the sign-in link mail: the request does the same work for any address."""
    from fitness.accounts import tasks

    tasks.enqueue(tasks.magic_link_email, email, base_url)


def magic_link_send(*, email: str, base_url: str) -> bool:
    """Email a one-time sign-in link if an active member has this address (the
    magic_link_email task). Returns whether a link was sent."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        logger.info("magic link requested for an unknown address")
        return False
    link = base_url.rstrip("/") + reverse("accounts:magic_link_login", args=[get_token(user)])
    _send(
        template="magic_link",
        to=user.email,
        context={"user": user, "link": link, "minutes": settings.SESAME_MAX_AGE // 60},
    )
    return True


# --- Password reset -----------------------------------------------------------------------


def password_reset_request(*, email: str, domain: str, use_https: bool) -> None:
    """Queue the reset mail: the request does the same work for any address."""
    from fitness.accounts import tasks

    tasks.enqueue(tasks.password_reset_email, email, domain, use_https)


def password_reset_send(*, email: str, domain: str, use_https: bool) -> None:
    """Django's reset mail to each active member with this address and a usable password
    (none for an unknown address; the password_reset_email task)."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            extra_email_context={"site_name": "Liftlog"},
        )
