"""Cache invalidation only (style.md: signals are for cache invalidation, nothing else).

Covers save()/delete() of templates and their exercises, and friendship changes on User.
Bulk writes bypass signals: call sharing.cache.shared_templates_invalidate_for_owner().
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from fitness.accounts.models import User
from fitness.workouts.models import WorkoutTemplate, WorkoutTemplateExercise
from sharing.cache import (
    friend_ids_of,
    shared_templates_forget_on_commit,
    shared_templates_invalidate_for_owner,
    shared_templates_invalidate_for_template,
)

# The User fields that change what a friend's shared list shows (or whether it is shown).
_USER_FIELDS = ("invited_by_id", "display_name", "is_active")


@receiver(post_save, sender=WorkoutTemplate, dispatch_uid="sharing_template_saved")
@receiver(post_delete, sender=WorkoutTemplate, dispatch_uid="sharing_template_deleted")
def _template_changed(sender, instance: WorkoutTemplate, **kwargs) -> None:
    # Any save: visibility, name, description, archiving and updated_at all show in the list.
    shared_templates_invalidate_for_owner(instance.user_id)


@receiver(post_save, sender=WorkoutTemplateExercise, dispatch_uid="sharing_item_saved")
@receiver(post_delete, sender=WorkoutTemplateExercise, dispatch_uid="sharing_item_deleted")
def _template_exercise_changed(sender, instance: WorkoutTemplateExercise, **kwargs) -> None:
    shared_templates_invalidate_for_template(instance.template_id)


@receiver(pre_save, sender=User, dispatch_uid="sharing_user_before_save")
def _remember_friendship(sender, instance: User, update_fields=None, **kwargs) -> None:
    """Keep the stored values of the fields that matter, to compare after the save."""
    instance._sharing_before = None
    if instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not {
        "invited_by",
        "invited_by_id",
        "display_name",
        "is_active",
    } & set(update_fields):
        return  # e.g. last_login on sign-in, password: nothing shared lists show
    instance._sharing_before = (
        User.objects.filter(pk=instance.pk).values_list(*_USER_FIELDS).first()
    )


@receiver(post_save, sender=User, dispatch_uid="sharing_user_saved")
def _friendship_changed(sender, instance: User, created: bool, **kwargs) -> None:
    if created:
        # A new member with an inviter (invite accepted): both lists gain a friend.
        if instance.invited_by_id:
            shared_templates_forget_on_commit([instance.pk, instance.invited_by_id])
        return
    before = getattr(instance, "_sharing_before", None)
    if before is None:
        return
    after = tuple(getattr(instance, field) for field in _USER_FIELDS)
    if before == after:
        return
    # Friends now (new state) plus the previous inviter, and the member themself.
    affected = friend_ids_of(instance.pk) | {instance.pk, before[0]}
    shared_templates_forget_on_commit(user_id for user_id in affected if user_id is not None)


@receiver(pre_delete, sender=User, dispatch_uid="sharing_user_deleting")
def _account_deleting(sender, instance: User, **kwargs) -> None:
    """Account deleted: its friends' lists lose its templates. Computed before the delete,
    which sets its invitees' invited_by to NULL."""
    shared_templates_forget_on_commit(friend_ids_of(instance.pk) | {instance.pk})
