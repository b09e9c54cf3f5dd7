"""The public side without login: filing a complaint, tracking it, rating and reopening it."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.complaints import spam
from kinerja.complaints.models import Category, Channel, Complaint, SkmResponse, Status
from kinerja.complaints.services import workflow
from kinerja.complaints.tests import factories as f

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Budi Santoso", "081298765432", "budi@example.com"
STAFF_NAMES = ("Wahyu Hidayat", "Yuni Astuti", "Dewi Lestari")


@pytest.fixture(autouse=True)
def _public(settings: Any) -> None:
    """Kota A's public site, with empty rate-limit counters for every test."""
    settings.KINERJA_PUBLIC_INSTANSI = "kota-a"
    cache.clear()


def _data(city: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Lampu jalan mati",
        "description": "Lampu PJU di gang tiga mati sejak seminggu.",
        "category": str(f.category(city).pk),
        "classification": "pengaduan",
        "location": "Jl. Kenanga 3",
        "complainant_name": NAME,
        "complainant_phone": PHONE,
        "complainant_email": EMAIL,
        "consent": "on",
        "website": "",
        "form_ts": spam.issue_stamp(at=time.time() - 10),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _file(client: Client, city: Any, **overrides: Any) -> str:
    response = client.post(reverse("layanan:complaint_new"), _data(city, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("layanan:complaint_thanks")
    return Complaint.objects.latest("id").tracking_code


def _track(client: Client, code: str) -> Any:
    return client.get(reverse("layanan:track", args=[code]))


def _rate(client: Client, code: str, rating: int = 4, solved: str = "ya") -> Any:
    url = reverse("layanan:rate", args=[code])
    return client.post(url, {"rating": rating, "solved": solved, "note": "Cepat."})


def _survey_answers(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"u{i}": 3 for i in range(1, 10)}
    data.update(form_ts=spam.issue_stamp(at=time.time() - 10), website="", comment="")
    data.update(overrides)
    return data


def test_a_citizen_files_tracks_rates_and_surveys(city: Any) -> None:
    f.category(city)
    client = Client()
    form = client.get(reverse("layanan:complaint_new"))
    assert form.status_code == 200
    assert "Jalan dan drainase" in form.content.decode()
    assert "Tujuan pemrosesan data" in form.content.decode()

    code = _file(client, city)
    thanks = client.get(reverse("layanan:complaint_thanks"))
    assert thanks.status_code == 200 and code in thanks.content.decode()
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.channel == Channel.ULAS and complaint.status == Status.NEW
    assert (complaint.complainant_name, complaint.complainant_phone) == (NAME, PHONE)
    assert complaint.category == f.category(city)

    # The code is typed back in lower case and without the dash.
    typed = code.replace("-", "").lower()
    found = client.post(reverse("layanan:track_lookup"), {"code": typed})
    assert found.status_code == 302 and found["Location"] == reverse("layanan:track", args=[code])
    page = _track(client, code).content.decode()
    assert "Lampu jalan mati" in page and "Baru" in page and "Aduan diterima" in page

    # Staff handle it: routed, assigned, an interim answer, an internal note, a follow-up.
    complaint = workflow.route(actor=city.verifier.user, complaint=complaint, unit=city.dinas)
    complaint = workflow.assign(
        actor=city.unit_admin.user, complaint=complaint, officer=city.employee
    )
    workflow.respond(actor=city.employee.user, complaint=complaint, body="Kami cek ke lokasi.")
    workflow.respond(
        actor=city.employee.user, complaint=complaint, body="Catatan rahasia tim", internal=True
    )
    workflow.follow_up(actor=city.employee.user, complaint=complaint, body="Lampu sudah diganti.")
    pending = _track(client, code).content.decode()
    assert "Kami cek ke lokasi." in pending
    assert "Lampu sudah diganti." not in pending  # waits for the verifier's check
    assert "sedang diperiksa" in pending
    complaint.refresh_from_db()
    workflow.accept(actor=city.verifier.user, complaint=complaint)

    page = _track(client, code).content.decode()
    assert "Lampu sudah diganti." in page and "Catatan rahasia tim" not in page
    assert "Diteruskan ke Dinas Satu" in page and "Selesai" in page
    assert "Tepat waktu" in page
    assert 'name="rating"' in page and "Buka kembali aduan" in page
    assert reverse("layanan:complaint_survey", args=[code]) not in page  # only after rating

    rated = _rate(client, code, rating=5)
    assert rated.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.rating, complaint.solved) == (5, True)
    page = client.get(rated["Location"]).content.decode()
    assert "penilaian Anda sudah kami terima" in page and 'name="rating"' not in page
    survey_url = reverse("layanan:complaint_survey", args=[code])
    assert survey_url in page

    assert client.get(survey_url).status_code == 200
    sent = client.post(survey_url, _survey_answers(u4=4, comment="Petugas ramah."))
    assert sent.status_code == 302 and sent["Location"] == reverse("layanan:skm_thanks")
    survey = SkmResponse.objects.get(complaint=complaint)
    assert (survey.unit, survey.source, survey.u4, survey.comment) == (
        city.dinas,
        "aduan",
        4,
        "Petugas ramah.",
    )
    assert client.get(survey_url).status_code == 200  # "already filled", no form
    again = client.post(survey_url, _survey_answers())
    assert again.status_code == 409 and SkmResponse.objects.count() == 1
    assert "sudah diisi" in _track(client, code).content.decode()


def test_the_tracking_page_shows_no_personal_data(city: Any) -> None:
    complaint = f.done(
        city,
        complainant_name=NAME,
        complainant_phone=PHONE,
        complainant_email=EMAIL,
        description="Rumah saya di Jl. Melati 5 kebanjiran.",
    )
    workflow.rate(complaint=complaint, rating=2, solved=False, note="Masih banjir.")
    page = _track(Client(), complaint.tracking_code).content.decode()
    for private in (NAME, PHONE, EMAIL, "Jl. Melati 5", *STAFF_NAMES):
        assert private not in page
    assert "Dinas Satu" in page and "Pelapor" in page and "Petugas" in page


def test_the_citizen_reads_why_a_complaint_was_not_handled(city: Any) -> None:
    complaint = f.new_complaint(city)
    reason = "Jalan ini jalan provinsi; silakan hubungi Dinas PU Provinsi."
    workflow.close_unfounded(
        actor=city.verifier.user, complaint=complaint, action="not_ours", note=reason
    )
    page = _track(Client(), complaint.tracking_code).content.decode()
    assert "Jalan ini jalan provinsi" in page
    # Other staff notes stay internal.
    routed = f.dispatched(city)
    workflow.return_to_verifier(
        actor=city.unit_admin.user, complaint=routed, note="Catatan internal OPD"
    )
    assert "Catatan internal OPD" not in _track(Client(), routed.tracking_code).content.decode()


def test_public_pages_do_not_show_staff_navigation(city: Any, login: Any) -> None:
    client = login("unit_admin")
    page = client.get(reverse("layanan:complaint_new")).content.decode()
    assert reverse("performance:skp_list") not in page
    assert reverse("accounts:me") not in page
    assert reverse("layanan:track_lookup") in page


def test_the_honeypot_refuses_and_keeps_what_was_typed(city: Any) -> None:
    response = Client().post(
        reverse("layanan:complaint_new"), _data(city, website="http://spam.example")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kiriman tidak dapat diproses" in page and "Lampu PJU di gang tiga" in page
    assert "spam.example" not in page  # the trap is drawn empty again
    assert 'aria-hidden="true"' in page and 'tabindex="-1"' in page
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        (lambda: spam.issue_stamp(), "terlalu cepat"),
        (lambda: spam.issue_stamp(at=time.time() - 3 * 60 * 60), "terlalu lama"),
        (lambda: spam.issue_stamp()[:-3] + "xyz", "kedaluwarsa"),
        (lambda: "", "kedaluwarsa"),
    ],
)
def test_a_form_sent_too_fast_or_too_late_is_refused_kindly(
    city: Any, stamp: Any, message: str
) -> None:
    response = Client().post(reverse("layanan:complaint_new"), _data(city, form_ts=stamp()))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Lampu PJU di gang tiga" in page and "isian Anda masih ada" in page
    assert not Complaint.objects.exists()


def test_too_many_complaints_from_one_address_get_429(city: Any, settings: Any) -> None:
    settings.KINERJA_PUBLIC_LIMITS = {"complaint": (2, 3600)}
    client = Client()
    _file(client, city, description="Aduan pertama tentang lampu.")
    _file(client, city, description="Aduan kedua tentang jalan.")
    response = client.post(
        reverse("layanan:complaint_new"), _data(city, description="Aduan ketiga tentang parkir.")
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Terlalu banyak permintaan" in page and "Aduan ketiga tentang parkir." in page
    assert Complaint.objects.count() == 2
    # Another address is not affected, and the cache never holds an address in clear.
    other = Client(REMOTE_ADDR="10.1.2.3")
    _file(other, city, description="Aduan dari tempat lain.")
    keys = " ".join(str(k) for k in cache._cache)  # type: ignore[attr-defined]
    assert "127.0.0.1" not in keys and "10.1.2.3" not in keys and "layanan:rl" in keys


def test_too_many_lookups_get_429(city: Any, settings: Any) -> None:
    settings.KINERJA_PUBLIC_LIMITS = {"lookup": (3, 600)}
    client = Client()
    code = f.new_complaint(city).tracking_code
    for _i in range(3):
        assert _track(client, code).status_code == 200
    refused = _track(client, code)
    assert refused.status_code == 429 and "Terlalu banyak permintaan" in refused.content.decode()
    lookup = client.post(reverse("layanan:track_lookup"), {"code": code})
    assert lookup.status_code == 429


def test_the_same_description_twice_is_refused(city: Any) -> None:
    client = Client()
    _file(client, city)
    again = client.post(
        reverse("layanan:complaint_new"),
        _data(city, description="  lampu PJU di gang  tiga mati sejak SEMINGGU. "),
    )
    assert (
        again.status_code == 409 and "Aduan yang sama baru saja dikirim" in again.content.decode()
    )
    assert Complaint.objects.count() == 1
    _file(Client(REMOTE_ADDR="10.9.9.9"), city)  # a neighbour reporting the same lamp
    assert Complaint.objects.count() == 2


def test_bad_input_is_explained_and_kept(city: Any) -> None:
    response = Client().post(
        reverse("layanan:complaint_new"),
        _data(
            city,
            title="",
            complainant_phone="",
            complainant_email="bukan-email",
            location="Pasar Gede",
            consent=None,
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pasar Gede" in page and "bukan-email" in page and "Lampu PJU di gang tiga" in page
    assert 'aria-invalid="true"' in page
    assert "Centang pernyataan ini" in page
    assert not Complaint.objects.exists()


def test_a_contact_or_the_choice_of_none_is_required(city: Any) -> None:
    url = reverse("layanan:complaint_new")
    client = Client()
    missing = client.post(url, _data(city, complainant_phone="", complainant_email=""))
    assert missing.status_code == 400 and "tanpa kontak" in missing.content.decode()
    both = client.post(url, _data(city, no_contact="on"))
    assert both.status_code == 400 and "Pilih salah satu" in both.content.decode()
    bad_phone = client.post(url, _data(city, complainant_phone="12", complainant_email=""))
    assert bad_phone.status_code == 400 and "Nomor HP tidak valid" in bad_phone.content.decode()
    assert not Complaint.objects.exists()
    _file(client, city, complainant_phone="", complainant_email="", no_contact="on")
    complaint = Complaint.objects.get()
    assert (complaint.complainant_phone, complaint.complainant_email) == ("", "")


def test_only_the_public_instansis_active_categories_are_offered(city: Any) -> None:
    foreign = Category.objects.create(instansi=city.other_instansi, code="luar", name="Kota B")
    Category.objects.create(instansi=city.instansi, code="lama", name="Lama", active=False)
    f.category(city)
    client = Client()
    page = client.get(reverse("layanan:complaint_new")).content.decode()
    assert "Jalan dan drainase" in page
    assert "Kota B" not in page and ">Lama<" not in page
    refused = client.post(reverse("layanan:complaint_new"), _data(city, category=str(foreign.pk)))
    assert refused.status_code == 400 and not Complaint.objects.exists()


def test_which_instansi_the_site_serves(city: Any, settings: Any) -> None:
    url = reverse("layanan:complaint_new")
    settings.KINERJA_PUBLIC_INSTANSI = "tidak-ada"
    unknown = Client().get(url)
    assert unknown.status_code == 404 and "belum diatur" in unknown.content.decode()
    settings.KINERJA_PUBLIC_INSTANSI = ""
    assert Client().get(url).status_code == 404  # two instansi, no categories yet
    f.category(city)
    assert "Pemerintah Kota A" in Client().get(url).content.decode()  # the one with categories
    Category.objects.create(instansi=city.other_instansi, code="b", name="Kategori B")
    assert Client().get(url).status_code == 404  # two candidates: the setting must say
    settings.KINERJA_PUBLIC_INSTANSI = "kota-b"
    page = Client().get(url).content.decode()
    assert "Kategori B" in page and "Jalan dan drainase" not in page


def test_the_thank_you_page_needs_a_filed_complaint(city: Any) -> None:
    page = Client().get(reverse("layanan:complaint_thanks")).content.decode()
    assert "Belum ada aduan yang dikirim" in page
    assert not Complaint.objects.exists()


def test_unknown_and_malformed_codes(city: Any) -> None:
    client = Client()
    unknown = client.post(reverse("layanan:track_lookup"), {"code": "ZZZZZ-ZZZZZ"})
    assert unknown.status_code == 404 and "Kode tidak ditemukan" in unknown.content.decode()
    assert _track(client, "ZZZZZ-ZZZZZ").status_code == 404
    assert _track(client, "pendek").status_code == 404
    malformed = client.post(reverse("layanan:track_lookup"), {"code": "abc"})
    assert malformed.status_code == 400 and "sepuluh huruf" in malformed.content.decode()
    assert _rate(client, "ZZZZZ-ZZZZZ").status_code == 404


def test_codes_stay_out_of_the_request_log(city: Any, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    client = Client()
    code = f.new_complaint(city).tracking_code
    _track(client, "QQQQQ-QQQQQ")
    _rate(client, code)  # refused: the complaint is not done yet
    client.post(reverse("layanan:reopen", args=[code]), {"version": 1, "reason": ""})
    client.post(reverse("layanan:track_lookup"), {"code": "QQQQQ-QQQQQ"})
    assert "QQQQQ" not in caplog.text and code not in caplog.text


def test_a_complaint_is_rated_once(city: Any) -> None:
    client = Client()
    complaint = f.done(city)
    assert _rate(client, complaint.tracking_code, rating=2, solved="tidak").status_code == 302
    again = _rate(client, complaint.tracking_code, rating=5)
    assert again.status_code == 400 and "sudah dinilai" in again.content.decode()
    complaint.refresh_from_db()
    assert (complaint.rating, complaint.solved) == (2, False)


def test_rating_needs_a_done_complaint_and_valid_choices(city: Any) -> None:
    client = Client()
    open_one = f.dispatched(city)
    refused = _rate(client, open_one.tracking_code)
    assert refused.status_code == 400 and "tidak dapat dilakukan" in refused.content.decode()
    done = f.done(city, title="Parkir liar")
    bad = client.post(reverse("layanan:rate", args=[done.tracking_code]), {"rating": 9})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Pilih ya atau tidak" in page and 'name="rating"' in page
    done.refresh_from_db()
    assert done.rated_at is None


def test_a_citizen_reopens_within_the_window(city: Any) -> None:
    client = Client()
    complaint = f.done(city)
    url = reverse("layanan:reopen", args=[complaint.tracking_code])
    empty = client.post(url, {"version": complaint.version, "reason": "  "})
    assert empty.status_code == 400 and "Tuliskan alasannya" in empty.content.decode()
    stale = client.post(url, {"version": complaint.version - 1, "reason": "Lampu mati lagi."})
    assert stale.status_code == 409
    assert "Lampu mati lagi." in stale.content.decode()
    assert f'value="{complaint.version}"' in stale.content.decode()
    done = client.post(url, {"version": complaint.version, "reason": "Lampu mati lagi."})
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED and complaint.reopen_count == 1


def test_reopening_is_closed_after_the_window(city: Any) -> None:
    client = Client()
    complaint = f.done(city)
    Complaint.objects.filter(pk=complaint.pk).update(closed_at=timezone.now() - timedelta(days=15))
    page = _track(client, complaint.tracking_code).content.decode()
    assert "Buka kembali aduan" not in page
    refused = client.post(
        reverse("layanan:reopen", args=[complaint.tracking_code]),
        {"version": complaint.version, "reason": "Masih rusak."},
    )
    assert refused.status_code == 400 and "14 hari" in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.DONE


def test_the_tracking_page_does_a_bounded_number_of_queries(
    city: Any, django_assert_max_num_queries: Any
) -> None:
    complaint = f.assigned(city)
    for i in range(5):
        workflow.respond(actor=city.employee.user, complaint=complaint, body=f"Info {i}")
    workflow.follow_up(actor=city.employee.user, complaint=complaint, body="Sudah.")
    complaint.refresh_from_db()
    workflow.accept(actor=city.verifier.user, complaint=complaint)
    client = Client()
    _track(client, complaint.tracking_code)  # settings row created on first read
    with django_assert_max_num_queries(8):
        assert _track(client, complaint.tracking_code).status_code == 200
