"""Access helpers: the member's own import objects, or 404 (never 403, never another's row)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from fitness.accounts.models import User
from imports.models import ImportJob
from imports.selectors import import_jobs_for


def get_job_for_user(user: User, job_id) -> ImportJob:
    """A job of the member, or one they (staff) uploaded for someone else."""
    return get_object_or_404(import_jobs_for(user), pk=job_id)


def get_upload_member(user: User, member_id: str) -> User:
    """Who a kept upload is for: the uploader, or (staff only) the active member they chose."""
    if member_id == str(user.pk):
        return user
    if not user.is_staff:
        raise Http404
    return get_object_or_404(User, pk=member_id, is_active=True)
