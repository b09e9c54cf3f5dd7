"""A citizen's complaint, every step taken on it, and every answer written (issue 4 §1).

The step timestamps and the working minutes they took are stored on the complaint itself when
the step happens, so that service levels and indicators are single set-based queries over one
table rather than a replay of the event log.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.complaints.models.catalog import Category, Channel, Classification
from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Unit


class Status(models.TextChoices):
    NEW = "baru", _("Baru")
    VERIFIED = "diverifikasi", _("Diverifikasi")
    DISPATCHED = "didisposisikan", _("Didisposisikan")
    FOLLOWED_UP = "ditindaklanjuti", _("Ditindaklanjuti")
    DONE = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Ditolak")
    NOT_OURS = "bukan_wewenang", _("Bukan wewenang")
    REOPENED = "dibuka_kembali", _("Dibuka kembali")


#: Statuses in which nobody has to act any more.
CLOSED_STATUSES = (Status.DONE, Status.REJECTED, Status.NOT_OURS)


class Complaint(models.Model):
    """One complaint, from whichever channel it came.

    The complainant's name and contacts are personal data: shown only to the people handling the
    complaint, masked everywhere else, never written to logs or URLs. ``tracking_code`` is the
    citizen's only key to follow it. ``(channel, external_id)`` makes imports idempotent.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    external_id = models.CharField(_("ID di kanal"), max_length=64, blank=True)
    tracking_code = models.CharField(_("kode pelacakan"), max_length=16, unique=True)
    received_at = models.DateTimeField(_("diterima"))
    category = models.ForeignKey(
        Category,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    classification = models.CharField(
        _("klasifikasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.PENGADUAN,
    )
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    complainant_name = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    complainant_phone = models.CharField(_("nomor HP pelapor"), max_length=20, blank=True)
    complainant_email = models.EmailField(_("e-mail pelapor"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("OPD tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    officer = models.ForeignKey(
        Employee,
        verbose_name=_("petugas"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    # Step times, each written once by the service that takes the step.
    verified_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    officer_response_at = models.DateTimeField(null=True, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Due times from the SLA policy, and the working minutes each step took.
    response_due_at = models.DateTimeField(null=True, blank=True)
    followup_due_at = models.DateTimeField(null=True, blank=True)
    response_minutes = models.PositiveIntegerField(null=True, blank=True)
    officer_response_minutes = models.PositiveIntegerField(null=True, blank=True)
    followup_minutes = models.PositiveIntegerField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    rejected_answers = models.PositiveSmallIntegerField(default=0)
    rating = models.PositiveSmallIntegerField(
        _("penilaian warga"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    solved = models.BooleanField(_("masalah terselesaikan"), null=True, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aduan")
        verbose_name_plural = _("aduan")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["instansi", "status"], name="complaint_status"),
            models.Index(fields=["instansi", "received_at"], name="complaint_received"),
            models.Index(fields=["unit", "received_at"], name="complaint_unit_received"),
            models.Index(fields=["officer", "received_at"], name="complaint_officer_received"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "channel", "external_id"],
                condition=~Q(external_id=""),
                name="complaint_external_id_unique",
                violation_error_message=_("Aduan dengan ID kanal ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="complaint_rating_range",
                violation_error_message=_("Penilaian harus antara 1 dan 5."),
            ),
            models.CheckConstraint(
                condition=Q(officer__isnull=True) | Q(unit__isnull=False),
                name="complaint_officer_needs_unit",
                violation_error_message=_("Petugas hanya dapat ditunjuk setelah ada OPD tujuan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class ComplaintEvent(models.Model):
    """One step in a complaint's life: who did what, when, from which status to which."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("oleh"), max_length=200)
    action = models.CharField(_("langkah"), max_length=20)
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)
    #: When the complainant was told of this step by e-mail (once; see services.citizen_mail).
    citizen_mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("riwayat aduan")
        verbose_name_plural = _("riwayat aduan")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action} {self.at:%d-%m-%Y %H:%M}"


class ResponseKind(models.TextChoices):
    RESPONSE = "respon", _("Respons")
    FOLLOW_UP = "tindak_lanjut", _("Tindak lanjut")
    INTERNAL = "internal", _("Catatan internal")


class Verdict(models.TextChoices):
    PENDING = "", _("Belum diperiksa")
    ACCEPTED = "diterima", _("Diterima")
    REJECTED = "ditolak", _("Ditolak")


class Response(models.Model):
    """An answer or note written on a complaint. Internal notes are never shown to the citizen.

    A follow-up answer is checked by a verifier, whose verdict and reason are kept here.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="responses")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=14, choices=ResponseKind.choices)
    body = models.TextField(_("isi"))
    at = models.DateTimeField(_("waktu"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField(_("oleh"), max_length=200)
    verdict = models.CharField(
        _("hasil verifikasi"), max_length=10, choices=Verdict.choices, blank=True, default=""
    )
    verdict_note = models.TextField(_("catatan verifikasi"), blank=True)
    verdict_at = models.DateTimeField(null=True, blank=True)
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tanggapan")
        verbose_name_plural = _("tanggapan")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d-%m-%Y %H:%M}"

    @property
    def is_public(self) -> bool:
        return self.kind != ResponseKind.INTERNAL
