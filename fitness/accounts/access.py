"""Access helpers: the member's own object, or 404 (never 403, never another member's row)."""

from django.shortcuts import get_object_or_404

from fitness.accounts.models import Invite, User


def get_invite_for_user(user: User, invite_id) -> Invite:
    """An invite the member sent."""
    return get_object_or_404(Invite, pk=invite_id, inviter=user)
