"""Jobs started before jobs had teams: each gets its client's AM as owner, and the creatives on
the client's team then as its team, so nobody loses sight of work they were doing."""

from django.db import migrations


def keep_teams(apps, schema_editor):  # type: ignore[no-untyped-def]
    Job = apps.get_model("work", "Job")
    JobMember = apps.get_model("work", "JobMember")
    TeamMembership = apps.get_model("clients", "TeamMembership")
    for job in Job.objects.select_related("client").iterator():
        if job.owner_id is None and job.client.account_manager_id is not None:
            job.owner_id = job.client.account_manager_id
            job.save(update_fields=["owner"])
        people = TeamMembership.objects.filter(
            client_id=job.client_id, user__staff_role="creative"
        ).values_list("user_id", flat=True)
        JobMember.objects.bulk_create(
            [JobMember(job_id=job.pk, user_id=user_id) for user_id in people],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("work", "0004_deliverables_tasks_capacity_time"),
        ("clients", "0003_client_currency"),
    ]

    operations = [migrations.RunPython(keep_teams, migrations.RunPython.noop)]
