from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0018_reply_import_records"),
    ]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="sent_on",
            field=models.DateField(blank=True, null=True, verbose_name="答复送达日期"),
        ),
    ]
