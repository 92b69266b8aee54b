"""The shared-templates cache: key `shared-templates:{userId}`, 5-minute TTL (schema doc).

It lives in the `sharing` cache alias (settings.CACHES): the same Redis as `default`, but the key
lands in Redis exactly as the schema doc names it (no prefix, no version), and errors are not
swallowed by django-redis: they are logged here as a warning and the caller reads the database.

Invalidation deletes the key of every friend of an owner. It runs after the transaction commits
(`transaction.on_commit`), so a reader cannot re-cache the rows of a transaction that is still
open, and its work runs once per owner/template per transaction however many rows changed.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

CACHE_ALIAS = "sharing"
TTL_SECONDS = 5 * 60
KEY_PATTERN = "shared-templates:{user_id}"


def exact_key(key: str, key_prefix: str, version: int) -> str:
    """KEY_FUNCTION of the `sharing` alias: store the key as given (see module docstring)."""
    return key


def shared_templates_key(user_id) -> str:
    return KEY_PATTERN.format(user_id=user_id)


def cache_get(key: str) -> tuple[bool, Any]:
    """(ok, value): ok is False when the cache is unreachable (a warning is logged)."""
    try:
        return True, caches[CACHE_ALIAS].get(key)
    except Exception as exc:
        logger.warning("Shared-templates cache unavailable, reading the database (%r)", exc)
        return False, None


def cache_set(key: str, value: Any) -> None:
    try:
        caches[CACHE_ALIAS].set(key, value, TTL_SECONDS)
    except Exception as exc:
        logger.warning("Shared-templates cache unavailable, value not stored (%r)", exc)


def shared_templates_forget(user_ids: Iterable) -> None:
    """Delete the cached shared-templates list of each of these members, now."""
    keys = [shared_templates_key(user_id) for user_id in set(user_ids)]
    if not keys:
        return
    try:
        caches[CACHE_ALIAS].delete_many(keys)
    except Exception as exc:
        # The entries expire on their own within TTL_SECONDS.
        logger.warning(
            "Shared-templates cache unavailable, %d keys not deleted (%r)", len(keys), exc
        )


def friend_ids_of(user_id) -> set:
    """Everyone who may have this member's templates in their cached list (active or not)."""
    from fitness.accounts.models import User
    from fitness.accounts.selectors import friends_q

    return set(User.objects.filter(friends_q(user_id)).values_list("id", flat=True))


def shared_templates_invalidate_for_owner(owner_id) -> None:
    """Drop the cached list of every friend of `owner_id`, after the current transaction commits.

    Call it after changing templates without model signals (`QuerySet.update()`,
    `bulk_create()`, raw SQL): the signals in sharing/signals.py cover `save()`/`delete()`.
    """
    _on_commit_once(("owner", owner_id), partial(_invalidate_owner, owner_id))


def shared_templates_invalidate_for_template(template_id) -> None:
    """Like shared_templates_invalidate_for_owner, for the owner of this template."""
    _on_commit_once(("template", template_id), partial(_invalidate_template, template_id))


def shared_templates_forget_on_commit(user_ids: Iterable) -> None:
    """Delete these members' keys after commit (friends computed by the caller, e.g. before a
    delete removes the friendship rows)."""
    user_ids = frozenset(user_ids)
    _on_commit_once(("users", user_ids), partial(shared_templates_forget, user_ids))


def _invalidate_owner(owner_id) -> None:
    shared_templates_forget(friend_ids_of(owner_id))


def _invalidate_template(template_id) -> None:
    from fitness.workouts.models import WorkoutTemplate

    owner_id = (
        WorkoutTemplate.objects.filter(pk=template_id).values_list("user_id", flat=True).first()
    )
    # A deleted template: its own post_delete asked for its owner's friends.
    if owner_id is not None:
        _invalidate_owner(owner_id)


# --- Once per transaction, however many rows changed ---------------------------------------


class _Token:
    done = False


@dataclass
class _Once:
    """An on-commit callback; equal `key`s registered in one transaction share a token, so the
    first one to run does the work and the others return at once (no query)."""

    key: tuple
    action: Callable[[], None]
    token: _Token

    def __call__(self) -> None:
        if self.token.done:
            return
        self.token.done = True
        self.action()


def _on_commit_once(key: tuple, action: Callable[[], None]) -> None:
    # Every change registers its own callback (so a savepoint rollback or a test capturing the
    # callbacks of one block sees exactly its own); only the work is shared.
    connection = transaction.get_connection()
    token = None
    if connection.in_atomic_block:
        for _, func, _ in reversed(connection.run_on_commit):
            if isinstance(func, _Once) and func.key == key and not func.token.done:
                token = func.token
                break
    transaction.on_commit(_Once(key, action, token or _Token()), robust=True)
