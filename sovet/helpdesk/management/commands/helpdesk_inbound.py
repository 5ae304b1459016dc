"""``manage.py helpdesk_inbound < message.eml``: one letter from the mail server (a pipe on the
inbound address) added to the request it replies to. Exits 0 either way, so the mail server never
bounces a letter back to its sender: a letter that matches nothing is dropped."""

import sys

from django.core.management.base import BaseCommand

from sovet.helpdesk.inbound import MAX_MESSAGE_BYTES, reply_by_email


class Command(BaseCommand):
    help = "Read one raw e-mail from standard input and add it to the help request it replies to."

    def handle(self, *args, **options):
        raw = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        message = reply_by_email(raw)
        if message is None:
            self.stdout.write("No help request matches this letter: dropped.")
        else:
            self.stdout.write(f"Added to {message.request.reference}.")
