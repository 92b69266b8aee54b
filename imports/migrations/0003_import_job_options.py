from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_import_job_file_and_progress"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="options",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    "What the member confirmed on the preview: {'exercise_map': {name: id|'new'}}."
                ),
            ),
        ),
    ]
