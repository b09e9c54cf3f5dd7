"""Keberatan: who files and when (the deadline from the instansi's settings), one open objection
at a time, who decides (the post above the assessor, acting included; BKPSDM when there is
none), grant and reject, locked periods, audit, stale decisions, and the pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import AuditEvent
from kinerja.employees import services as employee_services
from kinerja.employees.models import AssignmentKind
from kinerja.performance import services as period_services
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    Objection,
    ObjectionState,
    PerformanceSettings,
    PeriodState,
)
from kinerja.performance.services import evaluation as evaluation_services
from kinerja.performance.services import objection as svc
from kinerja.performance.tests.factories_during import approved_employee_skp
from kinerja.performance.tests.factories_objection import (
    filed_objection,
    final_evaluation,
    final_kabid_evaluation,
)

pytestmark = pytest.mark.django_db

DI_ATAS, SESUAI, DI_BAWAH = "1", "2", "3"
REASON = "Capaian melampaui target; rating perlu dinaikkan."


def _decided_days_ago(evaluation: Evaluation, days: int) -> Evaluation:
    Evaluation.objects.filter(pk=evaluation.pk).update(
        decided_at=timezone.now() - timedelta(days=days)
    )
    evaluation.refresh_from_db()
    return evaluation


def _client(user: Any, settings: Any) -> Client:
    settings.KINERJA_MFA_ENFORCED = False
    client = Client()
    client.force_login(user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    return client


# --- Filing -------------------------------------------------------------------------------------


def test_only_the_evaluated_employee_files(city: Any) -> None:
    evaluation = final_evaluation(city)
    for user in (city.kasi.user, city.kabid.user, city.colleague.user, city.bkpsdm.user):
        with pytest.raises(PermissionDenied):
            svc.file_objection(actor=user, evaluation=evaluation, reason=REASON)
    objection = svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=REASON)
    assert objection.state == ObjectionState.FILED and objection.filed_by == city.employee.user
    assert objection.decider_position == city.kabid_pos  # the post above the Kasi's
    assert objection.before == {"hasil_kerja": SESUAI, "perilaku": SESUAI, "predikat": "2"}


def test_a_draft_evaluation_cannot_be_objected_to(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=REASON)
    assert not Objection.objects.exists()


def test_the_deadline_comes_from_the_instansi_settings(city: Any) -> None:
    PerformanceSettings.objects.create(instansi=city.instansi, objection_days=3)
    evaluation = _decided_days_ago(final_evaluation(city), 4)
    with pytest.raises(ValidationError, match="sudah lewat"):
        svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=REASON)
    assert not Objection.objects.exists()
    evaluation = _decided_days_ago(evaluation, 3)  # the last day still counts
    objection = svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=REASON)
    assert objection.deadline == timezone.localdate(evaluation.decided_at) + timedelta(days=3)


def test_default_deadline_is_fourteen_days(city: Any) -> None:
    evaluation = _decided_days_ago(final_evaluation(city), 15)
    assert svc.objection_deadline(evaluation) == timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError, match="sudah lewat"):
        svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=REASON)


def test_a_reason_is_required(city: Any) -> None:
    evaluation = final_evaluation(city)
    for reason in ("", "   ", "tidak"):
        with pytest.raises(ValidationError) as exc:
            svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=reason)
        assert "reason" in exc.value.message_dict
    assert not Objection.objects.exists()


def test_one_open_objection_at_a_time(city: Any) -> None:
    objection = filed_objection(city)
    evaluation = objection.evaluation
    with pytest.raises(ValidationError, match="belum diputus"):
        svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=REASON)
    svc.decide_objection(
        actor=city.kabid.user, objection=objection, version=objection.version, grant=False,
        decision_reason="Penilaian sudah sesuai bukti dukung.",
    )  # fmt: skip
    again = svc.file_objection(actor=city.employee.user, evaluation=evaluation, reason=REASON)
    assert again.state == ObjectionState.FILED and again.deadline == objection.deadline


def test_a_concurrent_second_filing_is_a_message_not_an_error(city: Any, monkeypatch: Any) -> None:
    objection = filed_objection(city)
    monkeypatch.setattr(svc, "has_open_objection", lambda evaluation: False)  # the race
    with pytest.raises(ValidationError, match="belum diputus"):
        svc.file_objection(actor=city.employee.user, evaluation=objection.evaluation, reason=REASON)
    assert Objection.objects.count() == 1


def test_without_a_post_above_the_assessor_bkpsdm_decides(city: Any) -> None:
    evaluation = final_kabid_evaluation(city)  # assessed by the Kepala Dinas, who has no atasan
    objection = svc.file_objection(actor=city.kabid.user, evaluation=evaluation, reason=REASON)
    assert objection.decider_position is None
    with pytest.raises(PermissionDenied):
        svc.decide_objection(
            actor=city.kadis.user, objection=objection, version=objection.version, grant=False,
            decision_reason="Penilaian sudah sesuai.",
        )  # fmt: skip
    decided = svc.decide_objection(
        actor=city.bkpsdm.user, objection=objection, version=objection.version, grant=True,
        decision_reason="Realisasi terlambat dicatat, bukan tidak ada.", hasil_kerja=SESUAI,
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert decided.state == ObjectionState.GRANTED and evaluation.predikat == "2"


# --- Deciding -----------------------------------------------------------------------------------


def test_only_the_decider_decides_and_acting_counts(city: Any) -> None:
    objection = filed_objection(city)
    for user in (city.employee.user, city.kasi.user, city.bkpsdm.user, city.superadmin):
        with pytest.raises(PermissionDenied):
            svc.decide_objection(
                actor=user, objection=objection, version=objection.version, grant=False,
                decision_reason="Penilaian sudah sesuai.",
            )  # fmt: skip
    employee_services.assign_position(
        actor=None, employee=city.colleague, position=city.kabid_pos,
        kind=AssignmentKind.PLH, start_date=date.today() - timedelta(days=1),
    )  # fmt: skip
    decided = svc.decide_objection(
        actor=city.colleague.user, objection=objection, version=objection.version, grant=False,
        decision_reason="Plh Kepala Bidang: penilaian sudah sesuai.",
    )  # fmt: skip
    assert decided.state == ObjectionState.REJECTED and decided.decided_by == city.colleague.user


def test_a_decision_needs_a_reason(city: Any) -> None:
    objection = filed_objection(city)
    with pytest.raises(ValidationError) as exc:
        svc.decide_objection(
            actor=city.kabid.user, objection=objection, version=objection.version, grant=False,
            decision_reason="ok",
        )  # fmt: skip
    assert "decision_reason" in exc.value.message_dict
    objection.refresh_from_db()
    assert objection.state == ObjectionState.FILED and objection.version == 1


def test_granting_must_change_a_rating(city: Any) -> None:
    objection = filed_objection(city)
    with pytest.raises(ValidationError, match="paling sedikit satu rating"):
        svc.decide_objection(
            actor=city.kabid.user, objection=objection, version=objection.version, grant=True,
            decision_reason="Dikabulkan tanpa perubahan.", hasil_kerja=SESUAI,
        )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        svc.decide_objection(
            actor=city.kabid.user, objection=objection, version=objection.version, grant=True,
            decision_reason="Rating tidak dikenal.", perilaku="9",
        )  # fmt: skip
    assert "perilaku" in exc.value.message_dict
    assert Objection.objects.get(pk=objection.pk).state == ObjectionState.FILED


def test_grant_changes_the_predikat_by_the_matrix(city: Any) -> None:
    evaluation = final_evaluation(
        city, hasil_kerja=DI_BAWAH, override_reason="Banyak aduan tidak ditindaklanjuti."
    )
    assert evaluation.predikat == "3"  # Di bawah × Sesuai = Butuh Perbaikan
    objection = filed_objection(city, evaluation)
    drawn = evaluation.version
    decided = svc.decide_objection(
        actor=city.kabid.user, objection=objection, version=objection.version, grant=True,
        decision_reason="Bukti dukung menunjukkan target tercapai.",
        hasil_kerja=DI_ATAS, perilaku=DI_ATAS,
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert (evaluation.hasil_kerja, evaluation.perilaku, evaluation.predikat) == ("1", "1", "1")
    assert evaluation.override_reason == "Banyak aduan tidak ditindaklanjuti."  # kept as written
    assert evaluation.version == drawn + 1 and evaluation.state == EvaluationState.FINAL
    assert evaluation.decided_by == city.kasi.user  # the assessor's confirmation stays
    assert decided.before == {"hasil_kerja": "3", "perilaku": "2", "predikat": "3"}
    assert decided.after == {"hasil_kerja": "1", "perilaku": "1", "predikat": "1"}
    assert decided.decided_by == city.kabid.user and decided.decided_at is not None
    with pytest.raises(ValidationError, match="sudah diputus"):
        svc.decide_objection(
            actor=city.kabid.user, objection=decided, version=decided.version, grant=False,
            decision_reason="Sekali lagi diputus.",
        )  # fmt: skip


def test_only_the_changed_rating_moves(city: Any) -> None:
    objection = filed_objection(city)
    svc.decide_objection(
        actor=city.kabid.user, objection=objection, version=objection.version, grant=True,
        decision_reason="Perilaku kerja terbukti sangat baik.", perilaku=DI_BAWAH,
    )  # fmt: skip
    evaluation = Evaluation.objects.get(pk=objection.evaluation_id)
    assert (evaluation.hasil_kerja, evaluation.perilaku, evaluation.predikat) == ("2", "3", "4")


def test_reject_keeps_the_predikat(city: Any) -> None:
    objection = filed_objection(city)
    decided = svc.decide_objection(
        actor=city.kabid.user, objection=objection, version=objection.version, grant=False,
        decision_reason="Penilaian sudah sesuai bukti dukung.", hasil_kerja=DI_ATAS,
    )  # fmt: skip
    evaluation = Evaluation.objects.get(pk=objection.evaluation_id)
    assert decided.state == ObjectionState.REJECTED and evaluation.predikat == "2"
    assert decided.before == decided.after
    assert not AuditEvent.objects.filter(action="evaluation.objection").exists()


def test_a_locked_period_still_changes_through_an_objection(city: Any) -> None:
    evaluation = final_evaluation(city)
    for state in (PeriodState.CLOSED, PeriodState.LOCKED):
        period_services.set_period_state(
            actor=city.bkpsdm.user, period=evaluation.period, state=state
        )
    evaluation = Evaluation.objects.select_related("period").get(pk=evaluation.pk)
    with pytest.raises(ValidationError, match="dikunci"):
        evaluation_services.reopen_evaluation(
            actor=city.kasi.user, evaluation=evaluation, version=evaluation.version
        )
    objection = filed_objection(city, evaluation)
    svc.decide_objection(
        actor=city.kabid.user, objection=objection, version=objection.version, grant=True,
        decision_reason="Hasil kerja terbukti di atas ekspektasi.", hasil_kerja=DI_ATAS,
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert evaluation.period.state == PeriodState.LOCKED
    assert (evaluation.hasil_kerja, evaluation.predikat) == (DI_ATAS, "2")  # Di atas × Sesuai


def test_everything_is_audited(city: Any) -> None:
    objection = filed_objection(city)
    svc.decide_objection(
        actor=city.kabid.user, objection=objection, version=objection.version, grant=True,
        decision_reason="Bukti dukung menunjukkan target tercapai.", hasil_kerja=DI_ATAS,
    )  # fmt: skip
    on_objection = AuditEvent.objects.filter(
        target_type="performance.objection", target_id=str(objection.pk)
    )
    assert set(on_objection.values_list("action", flat=True)) == {
        "objection.file",
        "objection.grant",
    }
    granted = on_objection.get(action="objection.grant")
    assert granted.actor_id == city.kabid.user.pk
    assert granted.after is not None and granted.after["predikat"] == "2"
    assert granted.after["decision_reason"].startswith("Bukti")
    changed = AuditEvent.objects.get(
        action="evaluation.objection", target_id=str(objection.evaluation_id)
    )
    assert changed.before == {"hasil_kerja": "2", "perilaku": "2", "predikat": "2"}
    assert changed.after is not None and changed.after["objection"] == objection.pk


def test_a_stale_decision_is_refused(city: Any) -> None:
    objection = filed_objection(city)
    drawn = objection.version
    svc.decide_objection(
        actor=city.kabid.user, objection=objection, version=drawn, grant=False,
        decision_reason="Penilaian sudah sesuai bukti dukung.",
    )  # fmt: skip
    with pytest.raises(svc.StaleObjection):
        svc.decide_objection(
            actor=city.kabid.user, objection=objection, version=drawn, grant=True,
            decision_reason="Keputusan kedua dari tab lain.", hasil_kerja=DI_ATAS,
        )  # fmt: skip
    assert Objection.objects.get(pk=objection.pk).state == ObjectionState.REJECTED
    assert Evaluation.objects.get(pk=objection.evaluation_id).predikat == "2"


# --- Pages --------------------------------------------------------------------------------------


def test_filing_from_the_page_redirects_to_the_objection(city: Any, login: Any) -> None:
    evaluation = final_evaluation(city)
    client = login("employee")
    response = client.post(
        reverse("performance:objection_file", args=[evaluation.pk]), {"reason": REASON}
    )
    objection = Objection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:objection", args=[objection.pk])
    page = client.get(response["Location"])
    assert REASON in page.content.decode() and "Diajukan" in page.content.decode()


def test_a_refused_filing_keeps_the_text_and_saves_nothing(city: Any, login: Any) -> None:
    PerformanceSettings.objects.create(instansi=city.instansi, objection_days=1)
    evaluation = _decided_days_ago(final_evaluation(city), 2)
    client = login("employee")
    url = reverse("performance:objection_file", args=[evaluation.pk])
    response = client.post(url, {"reason": REASON})
    body = response.content.decode()
    assert response.status_code == 400
    assert "sudah lewat" in body and REASON in body
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert not Objection.objects.exists()


def test_the_decider_decides_on_the_page(city: Any, login: Any, settings: Any) -> None:
    objection = filed_objection(city)
    url = reverse("performance:objection", args=[objection.pk])
    assert "Putuskan keberatan" not in login("employee").get(url).content.decode()
    assert login("supervisor").post(url, {}).status_code == 403
    assert login("outsider").get(url).status_code == 404
    kabid = _client(city.kabid.user, settings)
    assert "Putuskan keberatan" in kabid.get(url).content.decode()
    data = {
        "version": objection.version,
        "decision": "grant",
        "hasil_kerja": DI_ATAS,
        "perilaku": "",
        "decision_reason": "ok",
    }
    response = kabid.post(url, data)
    assert response.status_code == 400 and "paling sedikit 10 karakter" in response.content.decode()
    data["decision_reason"] = "Bukti dukung menunjukkan target tercapai."
    response = kabid.post(url, data)
    assert response.status_code == 302
    assert Evaluation.objects.get(pk=objection.evaluation_id).predikat == "2"  # Di atas × Sesuai
    stale = kabid.post(url, {**data, "decision_reason": "Tab lama: keputusan lain."})
    body = stale.content.decode()
    assert stale.status_code == 409 and "Tab lama: keputusan lain." in body
    assert "baru saja diputus" in body


def test_the_list_shows_mine_and_those_i_decide(city: Any, login: Any, settings: Any) -> None:
    filed_objection(city)
    mine = login("employee").get(reverse("performance:objections")).content.decode()
    assert "Kepala Bidang Layanan" in mine and "Diajukan" in mine
    kabid = _client(city.kabid.user, settings).get(reverse("performance:objections"))
    assert city.employee.name in kabid.content.decode()
    other = login("supervisor").get(reverse("performance:objections")).content.decode()
    assert "Tidak ada keberatan yang harus Anda putus." in other


def test_the_evaluation_page_partial(city: Any, rf: Any) -> None:
    from django.template.loader import render_to_string

    from kinerja.performance.views_objection import objection_context

    evaluation = Evaluation.objects.select_related("skp__employee").get(
        pk=final_evaluation(city).pk
    )

    def render(user: Any) -> str:
        request = rf.get("/")
        request.user = user
        context = {"evaluation": evaluation, **objection_context(user, evaluation)}
        return render_to_string("performance/partials/evaluation_links.html", context, request)

    url = reverse("performance:objection_file", args=[evaluation.pk])
    mine = render(city.employee.user)
    assert reverse("performance:why", args=[evaluation.pk]) in mine and url in mine
    assert url not in render(city.kasi.user)
    objection = filed_objection(city, evaluation)
    mine = render(city.employee.user)
    assert url not in mine and "sedang menunggu keputusan" in mine
    assert reverse("performance:objection", args=[objection.pk]) in mine
    assert objection_context(city.employee.user, None) == {"objections": [], "can_object": False}
