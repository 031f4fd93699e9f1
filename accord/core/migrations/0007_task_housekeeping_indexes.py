"""Indexes for the worker's housekeeping on the task queue's table (django-tasks-db's own):
tasks left running (status, started_at) and finished rows to prune (finished_at). Every worker
asks both every half minute; without them each question reads the whole table."""

from django.db import migrations

TABLE = "django_tasks_database_dbtaskresult"

migrations_sql = [
    (
        f"CREATE INDEX IF NOT EXISTS accord_task_running ON {TABLE} (status, started_at)",
        "DROP INDEX IF EXISTS accord_task_running",
    ),
    (
        f"CREATE INDEX IF NOT EXISTS accord_task_finished ON {TABLE} (finished_at)",
        "DROP INDEX IF EXISTS accord_task_finished",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_reanchor_chain_without_personal_data"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]
    operations = [migrations.RunSQL(sql, reverse) for sql, reverse in migrations_sql]
