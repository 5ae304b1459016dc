from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sovet.accounts.demo import DEMO_ADMIN_TOTP_SECRET


def current_demo_code() -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counters[len(counters) // 2]))


class Command(BaseCommand):
    help = "Print the demo administrator's current two-factor code (embedded demo only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo two-factor code is only for the embedded demo (DEBUG).")
        self.stdout.write(current_demo_code())
