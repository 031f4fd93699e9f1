# The search index: its table, and the engine's part (an FTS5 table kept in step by triggers on
# SQLite; a generated tsvector column with a GIN index on PostgreSQL).

from django.db import migrations, models

from accord.core.search import engine


def install(apps, schema_editor):
    engine.install(schema_editor)


def uninstall(apps, schema_editor):
    engine.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_notification_preferences_digests_and_email_headers"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.BigIntegerField()),
                ("client_id", models.BigIntegerField(blank=True, null=True)),
                ("title", models.CharField(max_length=300)),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=500)),
                ("tokens", models.TextField()),
                ("created_at", models.DateTimeField()),
                ("indexed_at", models.DateTimeField()),
            ],
            options={
                "indexes": [models.Index(fields=["kind", "indexed_at"], name="search_entry_indexed")],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_once")
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
