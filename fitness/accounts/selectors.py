from django.db.models import Q, QuerySet

from fitness.accounts.models import Invite, User


def friends_q(user_id) -> Q:
    """Friends = the member who invited me + the members I invited (schema doc's CTE)."""
    return Q(invitees__id=user_id) | Q(invited_by_id=user_id)


def friends_of(user: User) -> QuerySet[User]:
    return (
        User.objects.filter(friends_q(user.pk), is_active=True).distinct().order_by("display_name")
    )


def are_friends(user: User, other_id) -> bool:
    return (
        user.invited_by_id == other_id
        or User.objects.filter(pk=other_id, invited_by_id=user.pk).exists()
    )


def invites_of(user: User) -> QuerySet[Invite]:
    """The member's invites, newest first, with who used each one (one query)."""
    return Invite.objects.filter(inviter=user).select_related("used_by").order_by("-created_at")
