"""``import_resolution``: a script can validate with --dry-run (exit status), legacy encodings are
read or refused with what to do, and a number that disagrees with the text needs --force."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from sovet.conferences.models import Conference, Decision

from .test_importer_layouts import KYRGYZ, NUMBERED


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_resolution", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_of_a_valid_text_shows_deadlines_and_writes_nothing():
    output = run(NUMBERED, "--dry-run")
    assert "Conference: XIV" in output and "Decisions: 10" in output
    assert "  2. [recommend] due 2023-09-01 " in output
    assert "  7. [support] repeats yearly " in output
    assert " 10. [schedule] → conference 15, 2024-04, Бишкек due 2024-04 " in output
    assert "Dry run: nothing was written." in output
    assert not Decision.objects.exists() and not Conference.objects.exists()


@pytest.mark.django_db
def test_dry_run_of_a_bad_text_prints_each_error_and_fails(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("ПОСТАНОВИЛИ:\n1. Отметить работу.\n1. Продолжить работу.\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="3 error"):
        call_command("import_resolution", str(bad), "--dry-run", stdout=out)
    output = out.getvalue()
    assert "Error: The conference's number was not found" in output
    assert "Error: The date of adoption was not found" in output
    assert "Error: Item number(s) 1 appear more than once." in output
    assert not Decision.objects.exists()


def test_dry_run_exit_status_from_a_shell(tmp_path):
    """What a script sees: 1 on errors (0 when valid: the command returns without raising)."""
    bad = tmp_path / "bad.md"
    bad.write_text("ПОСТАНОВИЛИ:\n- Отметить работу.\n", encoding="utf-8")
    command = [sys.executable, "manage.py", "import_resolution", "--dry-run"]
    environment = {"DJANGO_SETTINGS_MODULE": "sovet.settings.test", "PATH": "/usr/bin:/bin"}
    failed = subprocess.run(
        [*command, str(bad)], cwd=settings.BASE_DIR, env=environment, capture_output=True
    )
    assert failed.returncode == 1, failed.stderr
    assert b"error(s)" in failed.stderr


@pytest.mark.django_db
def test_a_windows_1251_file_is_imported(tmp_path):
    legacy = tmp_path / "xiv-cp1251.txt"
    legacy.write_bytes(NUMBERED.read_text(encoding="utf-8").encode("cp1251"))
    assert "with 10 decisions" in run(legacy)
    assert Conference.objects.get(number=14).title_ru == "Вместе – ради будущего"


@pytest.mark.django_db
def test_a_kyrgyz_file_with_a_byte_order_mark_is_imported(tmp_path):
    marked = tmp_path / "xv.md"
    marked.write_bytes(KYRGYZ.read_text(encoding="utf-8").encode("utf-8-sig"))
    assert "with 10 decisions" in run(marked)
    assert Decision.objects.get(number=1).text_ky.startswith("Координациялык")


@pytest.mark.django_db
def test_an_unreadable_file_is_refused_with_what_to_do(tmp_path):
    word = tmp_path / "resolution.docx"
    word.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    with pytest.raises(CommandError, match="save it as plain text in UTF-8"):
        run(word)
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.md")


@pytest.mark.django_db
def test_a_number_that_disagrees_with_the_text_needs_force():
    with pytest.raises(CommandError, match="The text says XIV, you gave 16"):
        run(NUMBERED, "--conference", 16)
    assert not Conference.objects.exists()
    with pytest.raises(CommandError):
        run(NUMBERED, "--conference", 16, "--dry-run")
    output = run(NUMBERED, "--conference", 16, "--force")
    assert "Warning: The text says XIV; the number 16 you gave is used." in output
    assert "Imported the resolution of conference XVI" in output
