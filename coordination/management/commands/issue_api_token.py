from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Issue (or re-issue with --renew) the API token a unit's office system uses for USERNAME."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--renew", action="store_true", help="revoke the old token and issue a new one")

    def handle(self, username, renew=False, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}: create the account first, then issue its token.")
        if renew:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        self.stdout.write(f"{'new' if created else 'existing'} token for {username}: {token.key}")
