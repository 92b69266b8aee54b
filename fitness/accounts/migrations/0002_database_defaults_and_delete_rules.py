"""The schema's rules in the database itself: gen_random_uuid() ids, CURRENT_TIMESTAMP
created_at, timezone 'UTC', and each foreign key's ON DELETE as its field's on_delete
(users.invited_by SET NULL, invites CASCADE/SET NULL). Django's own tables that point at
users or at each other (admin log, user groups and permissions) follow theirs, so that a
member deleted with plain SQL takes them along instead of failing."""

import uuid

from django.db import migrations, models

import fitness.dbrules
from fitness.dbrules import delete_rules


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_create_users_and_invites"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invite",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="invite",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="timezone",
            field=models.CharField(db_default="UTC", default="UTC", max_length=64),
        ),
        delete_rules("accounts", "admin", "auth", "contenttypes"),
    ]
