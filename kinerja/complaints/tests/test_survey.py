"""Survei Kepuasan Masyarakat: the public form and the IKM per unit and period."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kinerja.complaints import skm, spam
from kinerja.complaints.models import SkmResponse
from kinerja.complaints.services.survey import ikm_by_unit, ikm_for, submit_survey
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _public(settings: Any) -> None:
    settings.KINERJA_PUBLIC_INSTANSI = "kota-a"
    cache.clear()


def _answers(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"u{i}": 3 for i in range(1, 10)}
    data.update(form_ts=spam.issue_stamp(at=time.time() - 10), website="", comment="")
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


# --- The form at a service counter ----------------------------------------------------------


def test_a_counter_survey_is_anonymous_and_ready_for_the_next_respondent(city: Any) -> None:
    client = Client()
    url = reverse("layanan:skm", args=[city.dinas.pk])
    page = client.get(url).content.decode()
    assert "Dinas Satu" in page and "Sangat sesuai" in page and "Dikelola dengan baik" in page
    assert page.count('type="radio"') == 36
    assert "Gratis" in page and "Sangat sopan dan ramah" in page
    sent = client.post(url, _answers(u1=4, u9=1, comment="Antrean terlalu panjang."))
    assert sent.status_code == 302 and sent["Location"] == reverse("layanan:skm_thanks")
    response = SkmResponse.objects.get()
    assert (response.unit, response.source, response.complaint) == (city.dinas, "loket", None)
    assert (response.u1, response.u2, response.u9) == (4, 3, 1)
    assert response.comment == "Antrean terlalu panjang."
    thanks = client.get(sent["Location"]).content.decode()
    assert url in thanks  # the next visitor at the counter starts from here
    event = AuditEvent.objects.get(action="skm.submit")
    assert event.target_id == "" and event.after == {"unit": city.dinas.pk, "source": "loket"}


def test_the_unit_list_offers_the_opds_in_force(city: Any) -> None:
    city.other_dinas.active_until = date(2020, 1, 1)
    city.other_dinas.save(update_fields=["active_until"])
    page = Client().get(reverse("layanan:skm_units")).content.decode()
    assert reverse("layanan:skm", args=[city.dinas.pk]) in page
    assert reverse("layanan:skm", args=[city.other_dinas.pk]) not in page  # no longer in force
    assert reverse("layanan:skm", args=[city.seksi.pk]) not in page  # not an OPD
    assert "Dinas Kota B" not in page


@pytest.mark.parametrize("unit", ["seksi", "foreign_dinas", "gone", "huge"])
def test_only_the_public_instansis_opds_in_force_take_counter_surveys(city: Any, unit: str) -> None:
    if unit == "gone":
        city.other_dinas.active_until = date(2020, 1, 1)
        city.other_dinas.save(update_fields=["active_until"])
        unit_id = city.other_dinas.pk
    else:
        unit_id = 2**63 if unit == "huge" else getattr(city, unit).pk
    client = Client()
    url = reverse("layanan:skm", args=[unit_id])
    assert client.get(url).status_code == 404
    assert client.post(url, _answers()).status_code == 404
    assert not SkmResponse.objects.exists()


def test_a_missing_answer_is_explained_and_the_rest_kept(city: Any) -> None:
    url = reverse("layanan:skm", args=[city.dinas.pk])
    response = Client().post(url, _answers(u5=None, u7=9, u2=1, comment="Ruang tunggu panas."))
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Pilih salah satu jawaban") == 1  # u5 is missing
    assert "Ruang tunggu panas." in page
    assert 'name="u2" value="1" id="id_u2_0" required checked' in page
    assert not SkmResponse.objects.exists()


def test_a_robot_or_a_hasty_post_is_refused(city: Any) -> None:
    url = reverse("layanan:skm", args=[city.dinas.pk])
    client = Client()
    trapped = client.post(url, _answers(website="x"))
    hasty = client.post(url, _answers(form_ts=spam.issue_stamp()))
    assert (trapped.status_code, hasty.status_code) == (400, 400)
    assert "terlalu cepat" in hasty.content.decode()
    assert not SkmResponse.objects.exists()


def test_too_many_surveys_from_one_address_get_429(city: Any, settings: Any) -> None:
    settings.KINERJA_PUBLIC_LIMITS = {"survey": (2, 3600)}
    url = reverse("layanan:skm", args=[city.dinas.pk])
    client = Client()
    assert client.post(url, _answers()).status_code == 302
    assert client.post(url, _answers()).status_code == 302
    refused = client.post(url, _answers(comment="Ketiga."))
    assert refused.status_code == 429 and "Ketiga." in refused.content.decode()
    assert SkmResponse.objects.count() == 2


# --- The form after a complaint -------------------------------------------------------------


def test_the_survey_after_a_complaint_waits_until_it_is_done(city: Any) -> None:
    complaint = f.answered(city)
    url = reverse("layanan:complaint_survey", args=[complaint.tracking_code])
    client = Client()
    early = client.get(url)
    assert early.status_code == 404 and "setelah aduan selesai" in early.content.decode()
    assert client.post(url, _answers()).status_code == 404
    assert not SkmResponse.objects.exists()
    assert client.get(reverse("layanan:complaint_survey", args=["ZZZZZ-ZZZZZ"])).status_code == 404


def test_the_service_takes_one_survey_per_complaint(city: Any) -> None:
    complaint = f.done(city)
    submit_survey(unit=city.dinas, answers=[4] * 9, complaint=complaint)
    with pytest.raises(ValidationError) as refused:
        submit_survey(unit=city.dinas, answers=[1] * 9, complaint=complaint)
    assert refused.value.code == "taken"
    with pytest.raises(ValidationError):  # not the unit that handled it
        submit_survey(unit=city.other_dinas, answers=[4] * 9, complaint=f.done(city, title="B"))
    assert SkmResponse.objects.count() == 1


@pytest.mark.parametrize(
    "answers", [[3] * 8, [3] * 10, [0, *[3] * 8], [5, *[3] * 8], ["a", *[3] * 8], "333333333"]
)
def test_the_service_refuses_bad_answers(city: Any, answers: Any) -> None:
    with pytest.raises(ValidationError):
        submit_survey(unit=city.dinas, answers=answers)
    assert not SkmResponse.objects.exists()


def test_the_service_names_the_bad_element_and_limits_the_comment(city: Any) -> None:
    with pytest.raises(ValidationError) as bad:
        submit_survey(unit=city.dinas, answers=[3, 3, 3, 3, 3, 3, 7, 3, 3])
    assert set(bad.value.message_dict) == {"u7"}
    with pytest.raises(ValidationError) as long:
        submit_survey(unit=city.dinas, answers=[3] * 9, comment="x" * 2001)
    assert "comment" in long.value.message_dict


# --- IKM ------------------------------------------------------------------------------------


def _random_answers(rng: random.Random, n: int) -> list[list[int]]:
    return [[rng.randint(1, 4) for _ in range(9)] for _ in range(n)]


def test_ikm_from_the_database_matches_the_pure_calculation(
    city: Any, django_assert_num_queries: Any
) -> None:
    rng = random.Random(14)
    day = date(2026, 3, 10)
    dinas = _random_answers(rng, 37)
    seksi = _random_answers(rng, 11)
    other = _random_answers(rng, 5)
    for unit, answers in ((city.dinas, dinas), (city.seksi, seksi), (city.other_dinas, other)):
        for row in answers:
            submit_survey(unit=unit, answers=row, now=_at(day))
    with django_assert_num_queries(1):
        subtree = ikm_for(city.dinas, day, day)
    assert subtree == skm.ikm(dinas + seksi)
    with django_assert_num_queries(1):
        only_dinas = ikm_for([city.dinas.pk], day, day)
    assert only_dinas == skm.ikm(dinas)
    assert ikm_for([city.dinas.pk, city.other_dinas.pk], day, day) == skm.ikm(dinas + other)
    with django_assert_num_queries(1):
        grouped = ikm_by_unit(city.instansi.pk, day, day)
    assert grouped == {
        city.dinas.pk: skm.ikm(dinas),
        city.seksi.pk: skm.ikm(seksi),
        city.other_dinas.pk: skm.ikm(other),
    }


def test_ikm_periods_are_whole_local_days_and_instansi_bound(city: Any) -> None:
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    # 00:30 on 1 January in Surakarta is still 31 December in UTC: it belongs to the period.
    submit_survey(unit=city.dinas, answers=[4] * 9, now=_at(start, hour=0) + timedelta(minutes=30))
    submit_survey(unit=city.dinas, answers=[2] * 9, now=_at(end, hour=23))
    submit_survey(unit=city.dinas, answers=[1] * 9, now=_at(end + timedelta(days=1), hour=0))
    submit_survey(unit=city.dinas, answers=[1] * 9, now=_at(start - timedelta(days=1), hour=23))
    submit_survey(unit=city.foreign_dinas, answers=[1] * 9, now=_at(date(2026, 2, 1)))
    assert ikm_for(city.dinas, start, end) == skm.ikm([[4] * 9, [2] * 9])  # two in the period
    assert set(ikm_by_unit(city.instansi.pk, start, end)) == {city.dinas.pk}
    assert ikm_for(city.other_dinas, start, end) is None
    assert ikm_by_unit(city.instansi.pk, date(2025, 1, 1), date(2025, 1, 31)) == {}
