from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0003_database_defaults_delete_rules_updated_at_trigger"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="options",
            field=models.JSONField(
                blank=True,
                db_default=models.Value({}, output_field=models.JSONField()),
                default=dict,
                help_text=(
                    "What the member confirmed on the preview: {'exercise_map': {name: id|'new'}}."
                ),
            ),
        ),
    ]
