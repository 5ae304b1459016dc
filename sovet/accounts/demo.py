"""The demo administrator. Its password and authenticator secret are public: demo only."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from .models import User
from .roles import Role

DEMO_ADMIN_EMAIL = "admin@sovet.kg"
DEMO_ADMIN_PASSWORD = "sovet-demo-2021"  # noqa: S105 - printed by `make run` on purpose
# Add this secret to any authenticator app, or run `manage.py demo_totp` for the current code.
DEMO_ADMIN_TOTP_SECRET = "KSORSDEMOKSORSDEMOKSORSDEMOKSORS"  # noqa: S105


def load():
    user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(
            DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, first_name="Демо", last_name="Администратор"
        )
    user.groups.add(Group.objects.get(name=Role.ADMINISTRATOR))
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
    return (
        f"Demo administrator: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}\n"
        f"  two-factor code: `.venv/bin/python manage.py demo_totp`"
        f" (or add the secret {DEMO_ADMIN_TOTP_SECRET} to an authenticator app)"
    )
