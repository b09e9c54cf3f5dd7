"""Core models: the append-only, hash-chained audit log."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_instansi(self, instansi_id: int | None) -> AuditEventQuerySet:
        return self.filter(instansi_id=instansi_id)


class AuditEvent(models.Model):
    """One change (or sensitive read) made through a service.

    Rows are only ever inserted. Each row stores the hash of the previous row and its own hash
    over its content, so that editing or deleting a row breaks the chain
    (``manage.py verify_audit`` finds the first broken row). A database trigger refuses UPDATE.
    """

    created_at = models.DateTimeField(_("waktu"), db_index=True)
    instansi_id = models.BigIntegerField(_("instansi"), null=True, blank=True, db_index=True)
    actor_id = models.BigIntegerField(_("pelaku (id)"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("pelaku"), max_length=200, blank=True)
    action = models.CharField(_("aksi"), max_length=64, db_index=True)
    target_type = models.CharField(_("jenis objek"), max_length=64, blank=True, db_index=True)
    target_id = models.CharField(_("id objek"), max_length=64, blank=True)
    target_label = models.CharField(_("objek"), max_length=300, blank=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    request_id = models.CharField(_("id permintaan"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.target_label}"
