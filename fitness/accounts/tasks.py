"""Celery tasks of accounts: the emails of the sign-in pages and of invites.

Sending from a task keeps the request of "email me a link" the same whether or not the
address has an account: the lookup, the token and the SMTP round trip happen here, later,
for known and unknown addresses alike (the task for an unknown one finds nobody and stops).
"""

import logging

from celery import shared_task
from django.db import transaction

from fitness.accounts import services

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def magic_link_email(email: str, base_url: str) -> None:
    services.magic_link_send(email=email, base_url=base_url)


@shared_task(ignore_result=True)
def password_reset_email(email: str, domain: str, use_https: bool) -> None:
    services.password_reset_send(email=email, domain=domain, use_https=use_https)


@shared_task(ignore_result=True)
def invite_email(invite_id: str, base_url: str) -> None:
    services.invite_send(invite_id=invite_id, base_url=base_url)


@shared_task(ignore_result=True)
def signup_email_taken_email(email: str, base_url: str) -> None:
    services.signup_email_taken_send(email=email, base_url=base_url)


def enqueue(task, *args) -> None:
    """Queue `task(*args)` once the request's transaction commits. When the broker cannot
    be reached the mail is sent in the request instead: a late mail beats a lost one."""

    def send() -> None:
        try:
            task.apply_async(args=args, retry=False)
        except Exception as exc:  # any broker failure
            logger.warning("%s: broker unreachable (%s), sending in the request", task.name, exc)
            task.apply(args=args)

    transaction.on_commit(send)
