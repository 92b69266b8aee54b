from django.db.models import Q, QuerySet

from fitness.accounts.models import User
from imports.models import ImportJob


def import_jobs_for(user: User) -> QuerySet[ImportJob]:
    """Jobs of a member, and the ones they uploaded for someone else (staff)."""
    return (
        ImportJob.objects.filter(Q(user=user) | Q(created_by=user))
        .select_related("user")
        .order_by("-created_at")
    )
