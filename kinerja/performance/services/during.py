"""Every write of the period (issue 3 §3) by the employee: realisasi with evidence and the
activity log. Feedback and dialog kinerja are in :mod:`kinerja.performance.services.dialogue`.

The employee documents the work on an approved SKP while a periodic period is open. Audit events
name ids, file names and sizes, never file contents or link addresses (only their host).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event
from kinerja.performance import evidence_files
from kinerja.performance.access import is_skp_owner
from kinerja.performance.models import (
    Activity,
    Evidence,
    EvidenceKind,
    Iki,
    Period,
    PeriodKind,
    PeriodState,
    Realisasi,
    Rhk,
    Skp,
    SkpState,
)
from kinerja.performance.selectors_during import period_on

MAX_VALUE = Decimal("999999999999.99")
MAX_TEXT = 5000
MAX_SHORT = 2000
MAX_DESCRIPTION = 500


class Stale(ValidationError):
    """The record changed after the form was drawn."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Data ini baru saja diubah oleh orang lain. Periksa isian di bawah, lalu simpan "
                "lagi bila masih perlu."
            ),
            code="stale",
        )


def audit(actor: Any, skp: Skp, action: str, **after: Any) -> None:
    """An audit event on the SKP (its history groups everything written during the period)."""
    before = after.pop("before", None)
    record_event(
        actor=actor,
        action=action,
        target=skp,
        instansi_id=skp.instansi_id,
        target_label=str(skp),
        before=before,
        after=after or None,
    )


def too_long(value: str, limit: int) -> str | None:
    """The message for a text longer than ``limit`` characters, or None."""
    if len(value) > limit:
        return _("Paling banyak %(n)s karakter.") % {"n": limit}
    return None


# --- realisasi and evidence ------------------------------------------------------------------


def writing_problem(skp: Skp, period: Period, today: date | None = None) -> str | None:
    """Why realisasi and evidence of ``skp`` cannot be written in ``period`` (None when they
    can): the SKP must be approved and the period a started, open periodic period of the SKP's
    year that overlaps the SKP."""
    today = today or timezone.localdate()
    if skp.state != SkpState.APPROVED:
        return _("Realisasi hanya dapat diisi pada SKP yang sudah disetujui.")
    if (
        period.kind != PeriodKind.PERIODIC
        or period.performance_year_id != skp.performance_year_id
        or period.starts > skp.ends
        or period.ends < skp.starts
    ):
        return _("Periode ini bukan periode penilaian periodik SKP ini.")
    if period.state != PeriodState.OPEN:
        return _("Periode %(period)s sudah %(state)s; realisasinya tidak dapat diubah.") % {
            "period": period,
            "state": period.get_state_display().lower(),
        }
    if period.starts > today:
        return _("Periode %(period)s belum dimulai.") % {"period": period}
    return None


def _require_writer(actor: Any, skp: Skp, period: Period) -> None:
    if not is_skp_owner(actor, skp):
        raise PermissionDenied
    problem = writing_problem(skp, period)
    if problem:
        raise ValidationError(problem, code="closed")


def _clean_realisasi(iki: Iki, value: Decimal | None, note: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if iki.is_quantitative:
        if value is None:
            errors["value"] = [
                _("Isi realisasi berupa angka (satuan: %(unit)s).") % {"unit": iki.unit}
            ]
        elif value < 0:
            errors["value"] = [_("Realisasi tidak boleh negatif.")]
        elif value > MAX_VALUE:
            errors["value"] = [_("Realisasi terlalu besar.")]
    else:
        if value is not None:
            errors["value"] = [_("IKI kualitatif diisi dengan uraian, bukan angka.")]
        if not note:
            errors["note"] = [_("Uraikan realisasi IKI kualitatif ini.")]
    if problem := too_long(note, MAX_TEXT):
        errors["note"] = [problem]
    return errors


def record_realisasi(
    *,
    actor: Any,
    iki: Iki,
    period: Period,
    version: int | None,
    value: Decimal | None,
    note: str = "",
) -> Realisasi:
    """Record (or change) the realisasi of ``iki`` in ``period``: a number for a quantitative
    IKI, a description for a qualitative one. An IKI linked to a complaint indicator keeps its
    computed number: only the note is written, and a different number is refused.

    ``version`` is the realisasi's version the form was drawn from, 0 when there was none yet;
    ``None`` skips the check.
    """
    skp = iki.rhk.skp
    _require_writer(actor, skp, period)
    note = (note or "").strip()
    linked = bool(iki.indicator_source)
    if linked:
        # The number comes from the complaint records; only the note is the employee's.
        problem = too_long(note, MAX_TEXT)
        errors = {"note": [problem]} if problem else {}
    else:
        errors = _clean_realisasi(iki, value, note)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            realisasi = Realisasi.objects.select_for_update().filter(iki=iki, period=period).first()
            if realisasi is None:
                if version:
                    raise Stale
                realisasi = Realisasi(
                    iki=iki, period=period, skp=skp, instansi_id=skp.instansi_id, version=0
                )
                before = None
            else:
                if version is not None and realisasi.version != version:
                    raise Stale
                before = {"value": realisasi.value}
            if linked:
                value = _computed_value(iki, realisasi, value)
            note_changed = realisasi.note != note
            realisasi.value, realisasi.note = value, note
            realisasi.updated_by = actor
            realisasi.version += 1
            realisasi.save()
            audit(
                actor,
                skp,
                "realisasi.record",
                before=before,
                realisasi=realisasi.pk,
                iki=iki.pk,
                period=period.pk,
                value=value,
                note_changed=note_changed,
            )
    except IntegrityError:
        # Two saves of a first realisasi at once: the other one won.
        raise Stale from None
    return realisasi


def _computed_value(iki: Iki, realisasi: Realisasi, typed: Decimal | None) -> Decimal | None:
    """The stored value of a linked IKI's realisasi; a different typed number is refused."""
    if typed is not None and typed != realisasi.value:
        raise ValidationError(
            {
                "value": [
                    _(
                        "Realisasi IKI ini dihitung otomatis dari data aduan (%(source)s) dan "
                        "tidak dapat diketik. Bila angkanya keliru, ajukan keberatan atas angka "
                        "di halaman aduan yang dihitung; pejabat penilai dapat mengubahnya."
                    )
                    % {"source": iki.get_indicator_source_display()}
                ]
            }
        )
    return realisasi.value


def _saved_realisasi(actor: Any, realisasi: Realisasi) -> Realisasi:
    """``realisasi`` itself, or, when it is new, the row saved for it (evidence may come before
    the number)."""
    if realisasi.pk is not None:
        return realisasi
    saved, _created = Realisasi.objects.get_or_create(
        iki=realisasi.iki,
        period=realisasi.period,
        defaults={"skp": realisasi.skp, "instansi_id": realisasi.instansi_id, "updated_by": actor},
    )
    return saved


def _check_upload(upload: Any) -> tuple[str, str]:
    """The extension and content type of an acceptable upload; ValidationError otherwise."""
    allowed = evidence_files.allowed_types(settings.KINERJA_EVIDENCE_TYPES)
    ext = evidence_files.extension(getattr(upload, "name", ""))
    names = ", ".join(f".{e}" for e in allowed)
    if ext not in allowed:
        if ext:
            message = _("Jenis berkas .%(ext)s tidak diizinkan. Yang diizinkan: %(allowed)s.") % {
                "ext": ext,
                "allowed": names,
            }
        else:
            message = _("Berkas tanpa ekstensi tidak diizinkan. Yang diizinkan: %(allowed)s.") % {
                "allowed": names
            }
        raise ValidationError({"file": [message]})
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": [_("Berkas kosong; pilih berkas yang berisi.")]})
    limit = settings.KINERJA_EVIDENCE_MAX_BYTES
    if size > limit:
        raise ValidationError(
            {
                "file": [
                    _("Berkas terlalu besar (%(size)s); batasnya %(limit)s.")
                    % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
                ]
            }
        )
    if not evidence_files.content_matches(ext, upload):
        raise ValidationError(
            {
                "file": [
                    _(
                        "Isi berkas tidak sesuai dengan jenisnya (.%(ext)s). Unggah berkas "
                        ".%(ext)s yang asli, bukan berkas lain yang diganti namanya."
                    )
                    % {"ext": ext}
                ]
            }
        )
    return ext, allowed[ext].content_type


def _clean_description(description: str) -> str:
    description = (description or "").strip()
    if problem := too_long(description, MAX_DESCRIPTION):
        raise ValidationError({"description": [problem]})
    return description


def add_evidence_file(
    *, actor: Any, realisasi: Realisasi, upload: Any, description: str = ""
) -> Evidence:
    """Attach an uploaded file to a realisasi (saved first when it is new).

    The file is checked by extension, size and content, stored under MEDIA_ROOT with a random
    name, and removed again if anything after storing it fails: a refused upload changes
    nothing.
    """
    skp = realisasi.skp
    _require_writer(actor, skp, realisasi.period)
    description = _clean_description(description)
    ext, content_type = _check_upload(upload)
    original = evidence_files.clean_name(getattr(upload, "name", ""), limit=255)
    stored = ""
    evidence = Evidence(
        instansi_id=skp.instansi_id,
        kind=EvidenceKind.FILE,
        original_name=original,
        content_type=content_type,
        size=upload.size,
        description=description,
        uploaded_by=actor,
    )
    try:
        with transaction.atomic():
            evidence.realisasi = _saved_realisasi(actor, realisasi)
            upload.seek(0)
            evidence.file.save(f"bukti.{ext}", upload, save=False)
            stored = evidence.file.name or ""
            evidence.save()
            audit(
                actor,
                skp,
                "evidence.add",
                evidence=evidence.pk,
                realisasi=evidence.realisasi_id,
                iki=realisasi.iki_id,
                period=realisasi.period_id,
                kind=EvidenceKind.FILE,
                name=original,
                size=evidence.size,
                content_type=content_type,
            )
    except BaseException:
        if stored:
            evidence.file.storage.delete(stored)
        raise
    return evidence


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise ValidationError({"url": [_("Isi alamat tautan.")]})
    if problem := too_long(url, MAX_SHORT):
        raise ValidationError({"url": [problem]})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": [_("Tautan harus berupa alamat lengkap yang diawali http:// atau https://.")]}
        ) from None
    return url


def add_evidence_link(
    *, actor: Any, realisasi: Realisasi, url: str, description: str = ""
) -> Evidence:
    """Attach a link (http or https only) to a realisasi (saved first when it is new)."""
    skp = realisasi.skp
    _require_writer(actor, skp, realisasi.period)
    description = _clean_description(description)
    url = _clean_url(url)
    with transaction.atomic():
        saved = _saved_realisasi(actor, realisasi)
        evidence = Evidence.objects.create(
            realisasi=saved,
            instansi_id=skp.instansi_id,
            kind=EvidenceKind.LINK,
            url=url,
            description=description,
            uploaded_by=actor,
        )
        audit(
            actor,
            skp,
            "evidence.add",
            evidence=evidence.pk,
            realisasi=saved.pk,
            iki=saved.iki_id,
            period=saved.period_id,
            kind=EvidenceKind.LINK,
            host=urlsplit(url).hostname or "",
        )
    return evidence


def delete_evidence(*, actor: Any, evidence: Evidence) -> None:
    """Remove a bukti dukung while its period is open; its file goes once the change commits."""
    realisasi = evidence.realisasi
    skp = realisasi.skp
    _require_writer(actor, skp, realisasi.period)
    name = evidence.file.name or ""
    storage = evidence.file.storage
    with transaction.atomic():
        audit(
            actor,
            skp,
            "evidence.delete",
            evidence=evidence.pk,
            realisasi=realisasi.pk,
            kind=evidence.kind,
            name=evidence.original_name or None,
        )
        evidence.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


# --- the activity log ------------------------------------------------------------------------


def _require_logging(actor: Any, skp: Skp, day: date) -> None:
    """The owner logs activities of an approved SKP on days inside it, in an open period."""
    if not is_skp_owner(actor, skp):
        raise PermissionDenied
    if skp.state != SkpState.APPROVED:
        raise ValidationError(_("Kegiatan hanya dapat dicatat pada SKP yang sudah disetujui."))
    period = period_on(skp, day)
    if period is not None and period.state != PeriodState.OPEN:
        raise ValidationError(
            {
                "date": [
                    _("Periode %(period)s sudah %(state)s; kegiatannya tidak dapat diubah.")
                    % {"period": period, "state": period.get_state_display().lower()}
                ]
            }
        )


def log_activity(
    *,
    actor: Any,
    skp: Skp,
    date: date,
    activity: str,
    output: str = "",
    rhk: Rhk | None = None,
) -> Activity:
    """Add an entry to the activity log of the employee's approved SKP."""
    if not is_skp_owner(actor, skp):
        raise PermissionDenied
    activity, output = (activity or "").strip(), (output or "").strip()
    errors: dict[str, list[str]] = {}
    if date > timezone.localdate():
        errors["date"] = [_("Tanggal kegiatan tidak boleh di masa depan.")]
    elif not skp.starts <= date <= skp.ends:
        errors["date"] = [
            _("Tanggal kegiatan harus di dalam masa SKP (%(starts)s – %(ends)s).")
            % {"starts": f"{skp.starts:%d-%m-%Y}", "ends": f"{skp.ends:%d-%m-%Y}"}
        ]
    if not activity:
        errors["activity"] = [_("Kegiatan wajib diisi.")]
    elif problem := too_long(activity, MAX_SHORT):
        errors["activity"] = [problem]
    if problem := too_long(output, MAX_SHORT):
        errors["output"] = [problem]
    if rhk is not None and rhk.skp_id != skp.pk:
        errors["rhk"] = [_("RHK yang dipilih bukan RHK dari SKP ini.")]
    if errors:
        raise ValidationError(errors)
    _require_logging(actor, skp, date)
    with transaction.atomic():
        entry = Activity.objects.create(
            skp=skp,
            instansi_id=skp.instansi_id,
            date=date,
            activity=activity,
            output=output,
            rhk=rhk,
            created_by=actor,
        )
        audit(actor, skp, "activity.add", activity=entry.pk, date=date, rhk=rhk.pk if rhk else None)
    return entry


def delete_activity(*, actor: Any, activity: Activity) -> None:
    """Remove an entry of the activity log while the period of its date is open."""
    skp = activity.skp
    _require_logging(actor, skp, activity.date)
    with transaction.atomic():
        audit(actor, skp, "activity.delete", activity=activity.pk, date=activity.date)
        activity.delete()
