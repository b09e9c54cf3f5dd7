"""The upload form for an employee import (web)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.spreadsheets import SpreadsheetError, read_table
from kinerja.employees.importing.columns import map_header
from kinerja.org.models import Instansi

ALLOWED_SUFFIXES = (".csv", ".xlsx")


class ImportUploadForm(forms.Form):
    """A file, the instansi it is for, and whether invalid rows may be skipped."""

    instansi = forms.ModelChoiceField(
        label=gettext_lazy("Instansi"), queryset=Instansi.objects.none(), empty_label=None,
        required=False,
    )  # fmt: skip
    file = forms.FileField(
        label=gettext_lazy("Berkas ekspor pegawai (.csv atau .xlsx)"),
        help_text=gettext_lazy(
            "Kolom NIP harus berformat teks. Bila formulir ditolak, pilih berkasnya lagi: "
            "peramban tidak menyimpan pilihan berkas."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Lewati baris yang tidak valid (simpan hanya baris yang benar)"),
        required=False,
    )

    def __init__(self, *args: Any, instansi_choices: list[Instansi], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["instansi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Instansi.objects.filter(pk__in=[i.pk for i in instansi_choices])
        if len(instansi_choices) == 1:
            field.initial = instansi_choices[0].pk
            field.widget = forms.HiddenInput()
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)
        self.row_count = 0
        self.single_instansi = instansi_choices[0] if len(instansi_choices) == 1 else None

    def clean_instansi(self) -> Instansi:
        value = self.cleaned_data.get("instansi") or self.single_instansi
        if value is None:
            raise forms.ValidationError(_("Pilih instansi tujuan impor."))
        return value

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Jenis berkas tidak didukung: gunakan .csv atau .xlsx."))
        limit = settings.KINERJA_IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s); batasnya %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Berkas kosong."))
        try:
            table = read_table(upload, filename=upload.name)
        except SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from None
        header = map_header(table.header)
        if header.missing:
            raise forms.ValidationError(
                _(
                    "Kolom wajib tidak ditemukan: %(cols)s. Unduh contoh berkas untuk "
                    "melihat formatnya."
                )
                % {"cols": ", ".join(header.missing)}
            )
        if table.row_count == 0:
            raise forms.ValidationError(_("Berkas tidak berisi baris data."))
        self.row_count = table.row_count
        upload.seek(0)
        return upload
