from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0019_proposal_handling"),
    ]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="sent_on",
            field=models.DateField(blank=True, null=True, verbose_name="答复送达日期"),
        ),
    ]
