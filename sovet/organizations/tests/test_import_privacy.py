"""A checked import file waits for the secretary's confirmation in the private storage (it
holds the organizations' contacts), never under the media."""

from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from sovet.accounts.roles import Role
from sovet.core.private_files import private_storage
from sovet.core.testing import TEST_TOTP_SECRET, make_user
from sovet.organizations.admin_views import SESSION_KEY
from sovet.organizations.models import Organization

from .test_import import csv_bytes, good_row


@pytest.mark.django_db
def test_the_file_waiting_for_confirmation_is_private(client):
    secretary = make_user("secretary@example.org", roles=[Role.COUNCIL_SECRETARY])
    TOTP.activate(secretary, TEST_TOTP_SECRET)
    client.force_login(secretary)
    data = csv_bytes([good_row(1)])
    upload = SimpleUploadedFile("contacts.csv", data, "text/csv")
    preview = client.post("/admin/organizations/import/", {"file": upload})
    assert preview.status_code == 200 and preview.context["report"]
    kept = client.session[SESSION_KEY]["path"]
    assert private_storage().open(kept).read() == data
    assert not (Path(settings.MEDIA_ROOT) / kept).exists()
    done = client.post("/admin/organizations/import/", {"action": "all"})
    assert done.status_code == 302 and Organization.objects.count() == 1
    assert not private_storage().exists(kept)
