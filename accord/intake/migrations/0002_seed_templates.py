from django.db import migrations


def seed(apps, schema_editor):
    from accord.intake.services.templates import TEMPLATES

    BriefTemplate = apps.get_model("intake", "BriefTemplate")
    TemplateQuestion = apps.get_model("intake", "TemplateQuestion")
    for position, spec in enumerate(TEMPLATES):
        template, made = BriefTemplate.objects.get_or_create(
            name=spec["name"],
            defaults={"description": spec["description"], "min_lead_days": spec["lead"],
                      "position": position},
        )
        if made:
            TemplateQuestion.objects.bulk_create([
                # Facts came later (0009 maps these questions to theirs).
                TemplateQuestion(
                    template=template,
                    position=i,
                    **{k: v for k, v in question.items() if k != "fact"},
                )
                for i, question in enumerate(spec["questions"])
            ])


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
