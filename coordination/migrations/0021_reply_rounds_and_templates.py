import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def number_rounds(apps, schema_editor):
    """Replies written before rounds: a proposal's portal letters are its rounds in order; a
    proposal rated 不满意 and not closed owes its second reply; each sent letter gets the rating
    its proposal recorded after it."""
    Proposal = apps.get_model("coordination", "Proposal")
    Reply = apps.get_model("coordination", "Reply")
    for proposal in Proposal.objects.filter(replies__isnull=False).distinct().iterator():
        letters = list(Reply.objects.filter(proposal=proposal, imported=False).order_by("pk"))
        for number, letter in enumerate(letters, start=1):
            Reply.objects.filter(pk=letter.pk).update(round=number)
        owed_again = proposal.rating == "unsatisfied" and proposal.status != "closed"
        if len(letters) > 1 or owed_again:
            Proposal.objects.filter(pk=proposal.pk).update(reply_round=2)
        sent = [letter for letter in letters if letter.status == "sent"] or list(
            Reply.objects.filter(proposal=proposal, status="sent").order_by("pk")
        )
        if proposal.rating and sent:
            rated = sent[0] if owed_again else sent[-1]
            Reply.objects.filter(pk=rated.pk).update(rating=proposal.rating, rated_on=proposal.rated_on)


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0020_reply_sent_on"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReplyTemplate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=60, verbose_name="模板名称")),
                ("body", models.TextField(verbose_name="模板正文")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "答复模板",
                "verbose_name_plural": "答复模板",
                "ordering": ["unit__order", "title"],
            },
        ),
        migrations.AddField(
            model_name="proposal",
            name="reply_round",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "首次答复"), (2, "再次答复")], default=1, verbose_name="答复轮次"
            ),
        ),
        migrations.AddField(
            model_name="reply",
            name="rated_on",
            field=models.DateField(blank=True, null=True, verbose_name="测评日期"),
        ),
        migrations.AddField(
            model_name="reply",
            name="rating",
            field=models.CharField(
                blank=True,
                choices=[("satisfied", "满意"), ("basically", "基本满意"), ("unsatisfied", "不满意")],
                max_length=12,
                verbose_name="测评意见",
            ),
        ),
        migrations.AddField(
            model_name="reply",
            name="round",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "首次答复"), (2, "再次答复")], default=1, verbose_name="答复轮次"
            ),
        ),
        migrations.RunPython(number_rounds, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reply",
            constraint=models.UniqueConstraint(
                condition=models.Q(("imported", False)), fields=("proposal", "round"), name="unique_reply_round"
            ),
        ),
        migrations.AddField(
            model_name="replytemplate",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reply_templates",
                to="coordination.memberunit",
                verbose_name="单位",
            ),
        ),
        migrations.AddField(
            model_name="replytemplate",
            name="updated_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddConstraint(
            model_name="replytemplate",
            constraint=models.UniqueConstraint(fields=("unit", "title"), name="unique_reply_template_title"),
        ),
    ]
