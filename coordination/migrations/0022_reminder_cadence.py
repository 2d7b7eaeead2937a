"""Deadline reminders follow a cadence and go out in one digest per unit and day.

`ReminderLog` is now keyed by item, deadline and stage instead of item, kind and day. Earlier rows
keep their kind as the stage, under the deadline they were sent for (the proposal's co-opinion
deadline for co-opinion reminders); of the daily "overdue" rows one per item and deadline is kept.
The cadence never uses "overdue" as a stage, so an item overdue today gets its current stage once
at the first scan after the upgrade, and then follows the cadence.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_deadlines(apps, schema_editor):
    ReminderLog = apps.get_model("coordination", "ReminderLog")
    seen = set()
    for row in ReminderLog.objects.select_related("action_item__proposal").order_by("-day", "-pk"):
        item = row.action_item
        deadline = item.proposal.co_opinion_deadline if row.stage.startswith("co_opinion") and item.proposal else item.deadline
        key = (item.pk, deadline, row.stage)
        if deadline is None or key in seen:
            row.delete()
            continue
        seen.add(key)
        row.deadline = deadline
        row.save(update_fields=["deadline"])


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0021_reply_rounds_and_templates"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="reminderlog", name="reminder_once_per_day"),
        migrations.RenameField(model_name="reminderlog", old_name="kind", new_name="stage"),
        migrations.AddField(
            model_name="reminderlog",
            name="deadline",
            field=models.DateField(null=True, verbose_name="当时的完成时限"),
        ),
        migrations.RunPython(fill_deadlines, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reminderlog",
            name="deadline",
            field=models.DateField(verbose_name="当时的完成时限"),
        ),
        migrations.AlterField(
            model_name="reminderlog",
            name="stage",
            field=models.CharField(max_length=20, verbose_name="提醒阶段"),
        ),
        migrations.AlterField(
            model_name="reminderlog",
            name="day",
            field=models.DateField(verbose_name="提醒日期"),
        ),
        migrations.AlterModelOptions(
            name="reminderlog",
            options={"verbose_name": "到期提醒记录", "verbose_name_plural": "到期提醒记录"},
        ),
        migrations.AddConstraint(
            model_name="reminderlog",
            constraint=models.UniqueConstraint(
                fields=("action_item", "deadline", "stage"), name="reminder_once_per_stage"
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="links",
            field=models.JSONField(blank=True, default=list, verbose_name="所列事项"),
        ),
        migrations.CreateModel(
            name="ReminderDigest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("reminders", "到期提醒"), ("escalations", "红灯事项升级督办")],
                        default="reminders",
                        max_length=12,
                        verbose_name="类型",
                    ),
                ),
                ("day", models.DateField(verbose_name="日期")),
                ("entries", models.PositiveIntegerField(verbose_name="事项数")),
                ("sent_at", models.DateTimeField(auto_now_add=True)),
                (
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="coordination.memberunit",
                        verbose_name="成员单位",
                    ),
                ),
            ],
            options={
                "verbose_name": "每日提醒汇总",
                "verbose_name_plural": "每日提醒汇总",
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("unit__isnull", False)),
                        fields=("kind", "unit", "day"),
                        name="one_unit_digest_per_day",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("unit__isnull", True)), fields=("kind", "day"), name="one_office_digest_per_day"
                    ),
                ],
            },
        ),
    ]
