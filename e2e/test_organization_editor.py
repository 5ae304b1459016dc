"""An invited editor accepts the invitation, signs up, sets up two-factor sign-in, edits their
organization's card in the admin and sees the change on the public page."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from sovet.accounts.models import User
from sovet.organizations import services
from sovet.organizations.models import Organization

ORGANIZATION_SLUG = "obshchestvo-russkoy-kultury-rodnik"
PASSWORD = "a-long-passphrase-41"


def totp_code(secret: str) -> str:
    if time.time() % 30 > 27:  # a code typed at the very end of its period may arrive stale
        time.sleep(4)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_invited_editor_edits_their_organization(page, shot):
    organization = Organization.objects.get(slug=ORGANIZATION_SLUG)
    secretary = User.objects.get(email="admin@sovet.kg")
    services.organization_editor_invite(
        organization=organization, invited_by=secretary, email="new.editor@example.org"
    )
    invitation_path = re.search(r"https?://[^/]+(/\S+)", mail.outbox[-1].body).group(1)

    # The invitation: no account yet, so create one with the invited address.
    page.goto(invitation_path)
    shot("invitation")
    page.locator('main a[href*="/accounts/signup/"]').click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    page.locator('input[name="email"]').fill("new.editor@example.org")
    page.locator('input[name="password1"]').fill(PASSWORD)
    page.locator('input[name="password2"]').fill(PASSWORD)
    page.locator("main form").locator('button[type="submit"]').click()

    # Back on the invitation, signed in: accept it.
    expect(page).to_have_url(re.compile(r"/accounts/invitation/"))
    page.locator("main form").locator('button[type="submit"]').click()

    # Staff must set up an authenticator app before the admin opens; allauth first asks for
    # the password again, as for any change of sign-in methods.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator("main form", has=page.locator('input[name="password"]')).locator(
        'button[type="submit"]'
    ).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    shot("two-factor-setup")
    page.locator('input[name="code"]').fill(totp_code(secret))
    page.locator("main form", has=page.locator('input[name="code"]')).locator(
        'button[type="submit"]'
    ).click()
    expect(page).not_to_have_url(re.compile(r"/totp/activate/"))

    # The admin lists only this organization; edit its card.
    page.goto("/admin/snippets/organizations/organization/")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    shot("admin-listing")
    rows.first.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/edit/\d+/"))
    page.locator('textarea[name="description_ru"]').fill(
        "Хор, библиотека и курсы русского языка в Нарыне."
    )
    page.locator('input[name="leader_name"]').fill("Сидорова Мария Ивановна")
    page.get_by_role("button", name=re.compile(r"^(Save|Сохранить)")).first.click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    shot("admin-saved")

    # The public card shows the change.
    page.goto(f"/ru/organizations/{ORGANIZATION_SLUG}/")
    expect(page.locator("main")).to_contain_text("Хор, библиотека и курсы русского языка в Нарыне.")
    expect(page.locator("main")).to_contain_text("Сидорова Мария Ивановна")
    shot("public-card")

    # Another organization stays out of reach.
    other = Organization.objects.exclude(pk=organization.pk).first()
    page.goto(f"/admin/snippets/organizations/organization/edit/{other.pk}/")
    expect(page).not_to_have_url(re.compile(rf"/edit/{other.pk}/$"))
