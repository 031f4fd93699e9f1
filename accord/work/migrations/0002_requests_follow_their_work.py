from django.db import migrations

# A request's status as its brief and job say (see `intake.services.requests.follows_brief`).
BY_BRIEF = {
    "draft": "briefing",
    "submitted": "briefing",
    "proposed": "briefing",
    "signed_off": "signed_off",
    "converted": "in_work",
}


def set_requests_right(apps, schema_editor):
    """Requests briefed before their status followed the work: set each as its brief and job
    stand (a brief in work whose job is done: delivered)."""
    Brief = apps.get_model("intake", "Brief")
    Request = apps.get_model("intake", "Request")
    Job = apps.get_model("work", "Job")
    done = set(Job.objects.filter(status="done").values_list("brief_id", flat=True))
    briefs = Brief.objects.filter(request__isnull=False, status__in=list(BY_BRIEF))
    for brief_id, request_id, status in briefs.values_list("pk", "request_id", "status"):
        to = "delivered" if status == "converted" and brief_id in done else BY_BRIEF[status]
        Request.objects.filter(pk=request_id).exclude(status=to).update(status=to)


class Migration(migrations.Migration):
    dependencies = [
        ("work", "0001_initial"),
        ("intake", "0010_request_follows_work_and_thumbnails"),
    ]

    operations = [migrations.RunPython(set_requests_right, migrations.RunPython.noop)]
