"""The committed OpenAPI file (docs/openapi.yaml) must match what the code generates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
# The one command that writes the file; the test runs the same generation in-process.
REGENERATE = (
    "python manage.py spectacular --file docs/openapi.yaml --lang id --validate --fail-on-warn"
)


def generate(target: Path) -> str:
    # --lang pins the language of labels and help texts, so the output does not depend on
    # whichever language an earlier request in the same process left active.
    call_command(
        "spectacular",
        "--file",
        str(target),
        "--lang",
        "id",
        "--validate",
        "--fail-on-warn",
    )
    return target.read_text(encoding="utf-8")


def test_committed_schema_is_up_to_date(tmp_path):
    assert COMMITTED.exists(), f"docs/openapi.yaml belum ada. Buat dengan: {REGENERATE}"
    generated = generate(tmp_path / "openapi.yaml")
    assert generated == COMMITTED.read_text(encoding="utf-8"), (
        "docs/openapi.yaml tidak sesuai dengan API di kode. Perbarui dengan:\n"
        f"    {REGENERATE}\n"
        "lalu tinjau dan commit perubahannya."
    )


def test_generation_is_deterministic(tmp_path):
    assert generate(tmp_path / "a.yaml") == generate(tmp_path / "b.yaml")


@pytest.mark.django_db
def test_schema_endpoint_serves_the_committed_schema(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
