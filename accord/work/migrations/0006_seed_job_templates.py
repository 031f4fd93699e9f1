from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from accord.work.template_seeds import seed

    seed(
        apps.get_model("work", "JobTemplate"),
        apps.get_model("work", "TemplateDeliverable"),
        apps.get_model("work", "TemplateTask"),
    )


class Migration(migrations.Migration):
    dependencies = [("work", "0005_existing_jobs_keep_their_team")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
