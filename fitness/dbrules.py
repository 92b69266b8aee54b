"""The schema document's rules kept by PostgreSQL itself: delete rules, column defaults and the
`updated_at` trigger, so that plain SQL (an operator's cleanup, a support script) leaves the
database as the document says.

Django 5.2 emulates `on_delete` in Python and creates every foreign key `NO ACTION`; the
migrations call `delete_rules(...)` to give each constraint the rule of its field. Defaults
are `db_default` on the fields (the expressions below). SQLite keeps Django's own behaviour:
the migration helpers do nothing there.
"""

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import deletion

# Django's on_delete → the SQL rule that does the same in the database. SET_DEFAULT, SET(...)
# and DO_NOTHING have no exact SQL twin (or ask for none): they stay NO ACTION.
_SQL_RULES = {
    deletion.CASCADE: "CASCADE",
    deletion.SET_NULL: "SET NULL",
    deletion.PROTECT: "RESTRICT",
    deletion.RESTRICT: "RESTRICT",
}
NO_ACTION = "NO ACTION"


class ForeignKeyRule(NamedTuple):
    table: str
    column: str
    rule: str  # CASCADE | SET NULL | RESTRICT | NO ACTION


def sql_rule(field: models.Field) -> str:
    return _SQL_RULES.get(field.remote_field.on_delete, NO_ACTION)


def foreign_key_rules(model_classes: Iterable[type[models.Model]]) -> Iterator[ForeignKeyRule]:
    """The rule each foreign-key column of these models should carry (M2M tables included
    when the caller passes auto-created models)."""
    for model in model_classes:
        meta = model._meta
        if not meta.managed or meta.proxy or meta.swapped:
            continue
        for field in meta.local_fields:
            if (field.many_to_one or field.one_to_one) and field.db_constraint:
                yield ForeignKeyRule(meta.db_table, field.column, sql_rule(field))


_FIND_CONSTRAINT = """
SELECT c.conname, c.confrelid::regclass::text, ref.attname, c.condeferrable, c.condeferred
FROM pg_constraint c
JOIN pg_attribute col ON col.attrelid = c.conrelid AND col.attnum = c.conkey[1]
JOIN pg_attribute ref ON ref.attrelid = c.confrelid AND ref.attnum = c.confkey[1]
WHERE c.contype = 'f' AND c.conrelid = to_regclass(%s) AND col.attname = %s
  AND array_length(c.conkey, 1) = 1
"""


def set_foreign_key_rule(
    schema_editor: BaseDatabaseSchemaEditor, table: str, column: str, rule: str
) -> None:
    """Re-create the foreign key(s) on `table.column` with ON DELETE `rule`, under the same
    name and deferrability (Django names them with a hash, so they are found by column)."""
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_FIND_CONSTRAINT, [quote(table), column])
        found = cursor.fetchall()
    for name, ref_table, ref_column, deferrable, deferred in found:
        timing = ""
        if deferrable:
            timing = " DEFERRABLE INITIALLY " + ("DEFERRED" if deferred else "IMMEDIATE")
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}, "
            f"ADD CONSTRAINT {quote(name)} FOREIGN KEY ({quote(column)}) "
            f"REFERENCES {ref_table} ({quote(ref_column)}) ON DELETE {rule}{timing}"
        )


def delete_rules(*app_labels: str) -> migrations.RunPython:
    """A migration step: every foreign key of these apps' models (as they are at this point
    of the migration history, M2M tables included) gets its field's on_delete in PostgreSQL.
    Backwards, they go back to NO ACTION. Add one after any migration that creates or alters
    a foreign key: Django re-creates an altered key without the rule
    (fitness/tests/test_database_rules.py fails until then)."""

    def rules(apps) -> list[ForeignKeyRule]:
        return [
            rule
            for label in app_labels
            for rule in foreign_key_rules(
                apps.get_app_config(label).get_models(include_auto_created=True)
            )
        ]

    def forwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for rule in rules(apps):
                set_foreign_key_rule(schema_editor, *rule)

    def backwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for rule in rules(apps):
                set_foreign_key_rule(schema_editor, rule.table, rule.column, NO_ACTION)

    return migrations.RunPython(forwards, backwards)


# --- updated_at --------------------------------------------------------------------------

# One function for every `update_<table>_updated_at` trigger (schema doc). A value the
# application set (auto_now, the link query) wins; a bare UPDATE gets the clock.
UPDATED_AT_FUNCTION = """
CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at = clock_timestamp();
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

# Dropped only when no trigger uses it any more, so no app's rollback pulls it from under
# another app's trigger.
DROP_UNUSED_UPDATED_AT_FUNCTION = """
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_trigger WHERE tgfoid = 'update_updated_at_column()'::regprocedure
    ) THEN
        DROP FUNCTION update_updated_at_column();
    END IF;
END;
$$;
"""


def create_updated_at_trigger(schema_editor: BaseDatabaseSchemaEditor, table: str) -> None:
    schema_editor.execute(UPDATED_AT_FUNCTION)
    schema_editor.execute(
        f"DROP TRIGGER IF EXISTS update_{table}_updated_at ON {table};"
        f"CREATE TRIGGER update_{table}_updated_at BEFORE UPDATE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();"
    )


def drop_updated_at_trigger(schema_editor: BaseDatabaseSchemaEditor, table: str) -> None:
    schema_editor.execute(f"DROP TRIGGER IF EXISTS update_{table}_updated_at ON {table};")
    schema_editor.execute(DROP_UNUSED_UPDATED_AT_FUNCTION)


def updated_at_trigger(table: str) -> migrations.RunPython:
    """A migration step: `update_<table>_updated_at` (schema doc), PostgreSQL only."""

    def forwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            create_updated_at_trigger(schema_editor, table)

    def backwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            drop_updated_at_trigger(schema_editor, table)

    return migrations.RunPython(forwards, backwards)


# --- defaults ----------------------------------------------------------------------------


class CurrentTimestamp(models.Func):
    """`DEFAULT CURRENT_TIMESTAMP` (schema doc), the same words in PostgreSQL and SQLite."""

    template = "CURRENT_TIMESTAMP"
    output_field = models.DateTimeField()
    arity = 0


class GenRandomUUID(models.Func):
    """`DEFAULT gen_random_uuid()` (schema doc). SQLite has no such function: there the
    default is a version-4 UUID built from randomblob(), in the 32 hex digits Django stores."""

    template = "gen_random_uuid()"
    output_field = models.UUIDField()
    arity = 0

    def as_sqlite(self, compiler, connection, **extra_context):
        return (
            "lower(hex(randomblob(6)) || '4' || substr(hex(randomblob(2)), 2) || "
            "substr('89ab', 1 + abs(random() %% 4), 1) || substr(hex(randomblob(8)), 2))",
            [],
        )
