"""During the period (issue 3 §3): realisasi per IKI with evidence, the activity log, continuous
feedback and dialog kinerja (DOMAIN.md §1, step 2).

Every table repeats the SKP's instansi so that it can be scoped and partitioned without a join.
"""

from __future__ import annotations

import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Instansi
from kinerja.performance.models.periods import Period
from kinerja.performance.models.skp import Berakhlak, Iki, Rhk, Skp

_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """``evidence/<instansi id>/<yyyy>/<mm>/<uuid4><ext>``: never the uploaded name, which may
    carry personal data, and never a path the uploader chose."""
    suffix = PurePath(filename).suffix.lower()
    if not _SAFE_SUFFIX.match(suffix):
        suffix = ""
    today = timezone.localdate()
    return f"evidence/{instance.instansi_id}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}{suffix}"


class Realisasi(models.Model):
    """What an employee achieved on one IKI in one periodic period.

    ``value`` holds the number for a quantitative IKI; ``note`` the description for a qualitative
    one (or an explanation of the number). ``skp`` repeats the IKI's SKP for scoping.
    """

    iki = models.ForeignKey(Iki, on_delete=models.CASCADE, related_name="realisasi")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="realisasi")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(
        _("realisasi"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("keterangan"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Raised by every save through the services; a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    # For an IKI linked to an indicator: the computed figure and how it was computed, the
    # employee's contest and the assessor's override (``value`` then holds the override).
    computed_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    computed_basis = models.JSONField(default=dict, blank=True)
    contest_reason = models.TextField(_("alasan keberatan atas angka"), blank=True)
    contested_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(_("alasan mengubah angka"), blank=True)
    overridden_at = models.DateTimeField(null=True, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["period", "iki"]
        constraints = [
            models.UniqueConstraint(
                fields=["iki", "period"],
                name="realisasi_unique",
                violation_error_message=_("Realisasi IKI ini untuk periode ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="realisasi_value_non_negative",
                violation_error_message=_("Realisasi tidak boleh negatif."),
            ),
        ]
        indexes = [models.Index(fields=["skp", "period"], name="realisasi_skp_period")]

    def __str__(self) -> str:
        return f"{self.iki} – {self.period}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Berkas")
    LINK = "link", _("Tautan")


class Evidence(models.Model):
    """A bukti dukung of a realisasi: an uploaded file or a link.

    Files are kept under MEDIA_ROOT (never under static, never served by the web server) with a
    random name, and are downloaded through an access-checked view as attachments.
    """

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="evidence")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=4, choices=EvidenceKind.choices)
    file = models.FileField(_("berkas"), upload_to=evidence_upload_to, max_length=200, blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran"), default=0)
    url = models.URLField(_("tautan"), max_length=2000, blank=True)
    description = models.CharField(_("keterangan"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=EvidenceKind.FILE) & ~Q(file="") & Q(url=""))
                | (Q(kind=EvidenceKind.LINK) & Q(file="") & ~Q(url="")),
                name="evidence_file_or_link",
                violation_error_message=_("Bukti dukung berupa berkas atau tautan."),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name if self.kind == EvidenceKind.FILE else self.url


class Activity(models.Model):
    """One entry of the employee's activity log, optionally tied to an RHK of the same SKP."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="activities")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    activity = models.TextField(_("kegiatan"))
    output = models.TextField(_("hasil/output"), blank=True)
    rhk = models.ForeignKey(
        Rhk,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("RHK"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("log kegiatan")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(activity=""),
                name="activity_text",
                violation_error_message=_("Kegiatan wajib diisi."),
            ),
        ]
        indexes = [models.Index(fields=["skp", "date"], name="activity_skp_date")]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.activity[:60]}"


class Feedback(models.Model):
    """One message of continuous feedback (umpan balik berkelanjutan) on an SKP.

    A thread is the messages of one SKP about one RHK or about one BerAKHLAK value, oldest first;
    each message names exactly one of the two.
    """

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="feedback")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    rhk = models.ForeignKey(
        Rhk, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    value = models.CharField(
        _("nilai BerAKHLAK"), max_length=12, choices=Berakhlak.choices, blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("umpan balik"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(rhk__isnull=False) & Q(value=""))
                | (Q(rhk__isnull=True) & ~Q(value="")),
                name="feedback_rhk_or_value",
                violation_error_message=_(
                    "Umpan balik ditujukan pada satu RHK atau satu nilai BerAKHLAK."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="feedback_text",
                violation_error_message=_("Umpan balik wajib diisi."),
            ),
        ]
        indexes = [
            models.Index(fields=["skp", "rhk", "created_at"], name="feedback_rhk_thread"),
            models.Index(fields=["skp", "value", "created_at"], name="feedback_value_thread"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class DialogKinerja(models.Model):
    """A performance dialogue between the assessor and the employee: what was discussed, what
    was agreed and its follow-up. The assessor records it; the employee may answer and mark the
    follow-up done."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="dialogs")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    notes = models.TextField(_("catatan dialog"))
    agreed_actions = models.TextField(_("tindakan yang disepakati"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    follow_up_done = models.BooleanField(_("tindak lanjut selesai"), default=False)
    employee_note = models.TextField(_("tanggapan pegawai"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(notes=""),
                name="dialog_notes",
                violation_error_message=_("Catatan dialog wajib diisi."),
            ),
        ]
        indexes = [models.Index(fields=["skp", "date"], name="dialog_skp_date")]

    def __str__(self) -> str:
        return f"{_('Dialog kinerja')} {self.date:%d-%m-%Y}"
