"""Writes for sharing: copying a friend's shared template into my own templates."""

from fitness.accounts.models import User
from fitness.workouts.models import WorkoutTemplate
from fitness.workouts.services import template_duplicate
from sharing.selectors import shared_template_get

NAME_MAX_LENGTH = WorkoutTemplate._meta.get_field("name").max_length


def copy_name(name: str, owner_name: str) -> str:
    """'<name> (from <Owner>)', the template's name shortened so the whole fits 100 chars."""
    suffix = f" (from {owner_name})"
    if len(suffix) >= NAME_MAX_LENGTH // 2:
        suffix = suffix[: NAME_MAX_LENGTH // 2 - 2] + "…)"
    room = NAME_MAX_LENGTH - len(suffix)
    base = name if len(name) <= room else name[: room - 1].rstrip() + "…"
    return base + suffix


def shared_template_copy(*, template_id, user: User) -> WorkoutTemplate:
    """Deep-copy a friend's shared template into a private template of `user`, named
    "… (from Owner)" (workouts' template_duplicate, which maps the owner's custom exercises
    to mine). Raises WorkoutTemplate.DoesNotExist when the template is not shared with `user`.
    """
    source = shared_template_get(template_id=template_id, user=user)
    return template_duplicate(
        template=source, user=user, name=copy_name(source.name, source.user.display_name)
    )
