"""The schema's import_jobs rules in the database itself: gen_random_uuid() id, 'pending'
status, CURRENT_TIMESTAMP timestamps (and defaults for the columns added beyond the schema,
so the schema's INSERT works), ON DELETE CASCADE from the member (created_by SET NULL), and
the update_import_jobs_updated_at trigger."""

import uuid

from django.db import migrations, models

import fitness.dbrules
from fitness.dbrules import delete_rules, updated_at_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_import_job_file_and_progress"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="file_name",
            field=models.CharField(blank=True, db_default="", max_length=255),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="file_path",
            field=models.CharField(
                blank=True,
                db_default="",
                help_text="In private storage; deleted after processing.",
                max_length=500,
            ),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="file_size",
            field=models.PositiveBigIntegerField(db_default=0, default=0),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="format",
            field=models.CharField(db_default="auto", default="auto", max_length=20),
        ),
        migrations.AlterField(
            model_name="importjob",
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
            model_name="importjob",
            name="progress_done",
            field=models.PositiveIntegerField(
                db_default=0, default=0, help_text="Lines read so far."
            ),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="progress_total",
            field=models.PositiveIntegerField(
                db_default=0, default=0, help_text="Lines in the file."
            ),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Pending"),
                    ("processing", "Processing"),
                    ("completed", "Completed"),
                    ("failed", "Failed"),
                ],
                db_default="pending",
                default="pending",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="unit",
            field=models.CharField(blank=True, db_default="", max_length=2),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        delete_rules("imports"),
        updated_at_trigger("import_jobs"),
    ]
