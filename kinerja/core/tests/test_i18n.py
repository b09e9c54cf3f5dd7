"""The English catalogue is complete and compiled, and the language switch really switches."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|<[^>]+>")


def _po_entries(path: Path) -> list[dict[str, Any]]:
    """Each entry of a .po file as its flags and its fields (msgid, msgid_plural, msgstr[n])."""
    entries: list[dict[str, Any]] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        flags: set[str] = set()
        fields: dict[str, str] = {}
        key = ""
        obsolete = False
        for line in block.splitlines():
            if line.startswith("#~"):
                obsolete = True
            elif line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            else:
                key, _, rest = line.partition(" ")
                fields[key] = ast.literal_eval(rest)
        if not obsolete:
            entries.append({"flags": flags, "fields": fields})
    return entries


def _translations(entry: dict[str, Any]) -> list[str]:
    fields = entry["fields"]
    return [value for key, value in fields.items() if key.startswith("msgstr")]


@pytest.fixture(autouse=True)
def _keep_language():
    """Requests activate a language on the worker's thread; put the previous one back."""
    with translation.override(translation.get_language()):
        yield


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = _po_entries(PO_FILE)
    header, messages = entries[0], entries[1:]
    assert header["fields"]["msgid"] == ""
    assert "Language: en\n" in header["fields"]["msgstr"]
    assert len(messages) > 300
    fuzzy = [e["fields"]["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert fuzzy == []
    untranslated = [
        e["fields"]["msgid"] for e in messages if not all(t.strip() for t in _translations(e))
    ]
    assert untranslated == []
    plural = [e for e in messages if "msgid_plural" in e["fields"]]
    assert plural and all(len(_translations(e)) == 2 for e in plural)


def test_translations_keep_placeholders_and_markup():
    for entry in _po_entries(PO_FILE)[1:]:
        expected = sorted(PLACEHOLDER.findall(entry["fields"]["msgid"]))
        for text in _translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry["fields"]["msgid"]


def test_compiled_catalogue_matches_the_po_file():
    with MO_FILE.open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    for entry in _po_entries(PO_FILE)[1:]:
        fields = entry["fields"]
        if "msgid_plural" in fields:
            assert (
                compiled.ngettext(fields["msgid"], fields["msgid_plural"], 1)
                == (fields["msgstr[0]"])
            )
            assert (
                compiled.ngettext(fields["msgid"], fields["msgid_plural"], 2)
                == (fields["msgstr[1]"])
            )
        else:
            assert compiled.gettext(fields["msgid"]) == fields["msgstr"]


def _lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match
    return match.group(1)


@pytest.mark.django_db
def test_choosing_english_translates_the_login_page():
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/login/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get("/akun/login/").content.decode()
    assert _lang(html) == "en"
    assert re.search(r"<h1[^>]*>\s*Sign in to Kinerja\s*</h1>", html)
    assert "Masuk ke Kinerja" not in html


def test_logged_in_employee_sees_english_navigation(login):
    client = login("employee")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert _lang(html) == "en"
    nav = re.search(r'<nav id="mainnav".*?</nav>', html, re.S)
    assert nav
    assert re.search(r">\s*Home\s*</a>", nav.group(0))
    assert "Beranda" not in html


@pytest.mark.parametrize("accept_language", [None, "id"])
def test_default_stays_indonesian(login, accept_language):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    html = Client(**headers).get("/akun/login/").content.decode()
    assert _lang(html) == "id"
    assert re.search(r"<h1[^>]*>\s*Masuk ke Kinerja\s*</h1>", html)

    client = login("employee")
    html = client.get("/", **headers).content.decode()
    assert _lang(html) == "id"
    assert re.search(r">\s*Beranda\s*</a>", html)
    assert "Home</a>" not in html


TRANSLATE_TAG = re.compile(r"""{% (?:translate|trans) "([^"]+)"(?: [^%]*)? %}""")


def test_every_template_literal_is_in_the_catalogue():
    """A new {% translate "…" %} without a catalogue entry would stay Indonesian in English."""
    known = {entry["fields"].get("msgid") for entry in _po_entries(PO_FILE)}
    root = Path(settings.BASE_DIR) / "kinerja"
    missing = sorted(
        f"{path.relative_to(root)}: {text}"
        for path in root.rglob("*.html")
        for text in TRANSLATE_TAG.findall(path.read_text(encoding="utf-8"))
        if text not in known
    )
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)
