"""Access helpers: a template shared with the member, or 404 (never 403)."""

from django.shortcuts import get_object_or_404

from fitness.accounts.models import User
from fitness.workouts.models import WorkoutTemplate
from sharing.selectors import shared_templates_queryset


def get_shared_template_for_user(user: User, template_id) -> WorkoutTemplate:
    """A friend's shared template with its owner; 404 for a private, archived, own,
    stranger's or friend-of-a-friend's template."""
    return get_object_or_404(
        shared_templates_queryset(user.pk).select_related("user"), pk=template_id
    )
