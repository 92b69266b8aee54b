"""Writes for accounts: invites, sign-up, profile, deletion, and the emails they send."""

import logging

from django.conf import settings
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


def invite_create(*, inviter: User, email: str = "", base_url: str) -> Invite:
    """Create an invite; when it is for an email address, send the link there."""
    invite = Invite.objects.create(inviter=inviter, email=email.strip().lower())
    if invite.email:
        link = invite_url(invite=invite, base_url=base_url)
        transaction.on_commit(
            lambda: _send(
                template="invite",
                to=invite.email,
                context={"inviter": inviter, "link": link, "expires_at": invite.expires_at},
            )
        )
    return invite


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


# --- Profile & deletion -------------------------------------------------------------------


def user_update_profile(
    *, user: User, display_name: str, timezone_name: str, preferred_unit: str
) -> User:
    user.display_name = _one_line(display_name)
    user.timezone = timezone_name
    user.preferred_unit = preferred_unit
    user.save(update_fields=["display_name", "timezone", "preferred_unit"])
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


def magic_link_send(*, email: str, base_url: str) -> bool:
    """Email a one-time sign-in link if an active member has this address.

    Returns whether a link was sent; callers must not reveal it (no account enumeration).
    """
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
