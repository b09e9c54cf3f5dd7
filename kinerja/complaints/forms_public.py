"""Forms of the public pages: a complaint, a tracking code, a rating, a reopening, the SKM."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.complaints.models import Category, Classification
from kinerja.complaints.services.intake import LIMITS, normalise_code
from kinerja.complaints.services.survey import MAX_COMMENT
from kinerja.complaints.spam import ProtectedForm


class ComplaintForm(ProtectedForm):
    """A citizen's complaint. A contact, or the explicit choice to give none, is required: the
    tracking code is the citizen's key either way, a contact only lets staff ask back."""

    title = forms.CharField(
        label=gettext_lazy("Judul aduan"),
        max_length=LIMITS["title"],
        help_text=gettext_lazy("Singkat, misalnya: Lampu jalan mati di Jl. Slamet Riyadi."),
    )
    description = forms.CharField(
        label=gettext_lazy("Uraian"),
        max_length=LIMITS["description"],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Apa yang terjadi, sejak kapan, dan apa yang Anda harapkan."),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Kategori"),
        queryset=Category.objects.none(),
        empty_label=gettext_lazy("— pilih kategori —"),
    )
    classification = forms.ChoiceField(
        label=gettext_lazy("Jenis laporan"),
        choices=Classification.choices,
        initial=Classification.PENGADUAN,
        widget=forms.RadioSelect,
    )
    location = forms.CharField(
        label=gettext_lazy("Lokasi"),
        max_length=LIMITS["location"],
        required=False,
        help_text=gettext_lazy("Alamat atau patokan tempat kejadian (bila ada)."),
    )
    complainant_name = forms.CharField(
        label=gettext_lazy("Nama (boleh dikosongkan)"),
        max_length=LIMITS["complainant_name"],
        required=False,
    )
    complainant_phone = forms.CharField(
        label=gettext_lazy("Nomor HP/WhatsApp"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    complainant_email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy(
            "Bila diisi, kami mengabarkan ke alamat ini saat aduan diteruskan, dijawab, atau"
            " ditutup."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    no_contact = forms.BooleanField(
        label=gettext_lazy(
            "Saya tidak mencantumkan kontak; saya mengikuti aduan dengan kode lacak."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "Saya memahami tujuan pemrosesan data di atas dan menyetujui data saya diproses "
            "untuk tujuan tersebut."
        ),
        error_messages={"required": gettext_lazy("Centang pernyataan ini untuk mengirim aduan.")},
    )

    def __init__(self, *args: Any, instansi_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        categories = Category.objects.filter(instansi_id=instansi_id, active=True).order_by("name")
        if categories.exists():
            self.fields["category"].queryset = categories  # type: ignore[attr-defined]
        else:  # an instansi that has not set up categories yet: the verifier picks one
            del self.fields["category"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        phone = cleaned.get("complainant_phone", "")
        email = cleaned.get("complainant_email", "")
        has_contact = bool(phone or email or self.has_error("complainant_email"))
        if cleaned.get("no_contact") and has_contact:
            self.add_error(
                "no_contact",
                _("Pilih salah satu: isi nomor HP atau e-mail, atau nyatakan tanpa kontak."),
            )
        elif not cleaned.get("no_contact") and not has_contact:
            self.add_error(
                "complainant_phone",
                _("Isi nomor HP atau e-mail, atau centang pilihan tanpa kontak di bawah."),
            )
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode pelacakan"),
        max_length=32,
        help_text=gettext_lazy("Sepuluh huruf dan angka, misalnya ABCDE-23456."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("Kode pelacakan terdiri dari sepuluh huruf dan angka, misalnya ABCDE-23456.")
            )
        return code


@dataclass(frozen=True)
class StarLabel:
    """A rating choice: the words read out, and the stars that are only drawn."""

    value: int
    text: Promise | str

    @property
    def stars(self) -> str:
        return "★" * self.value + "☆" * (5 - self.value)

    def __str__(self) -> str:
        return str(self.text)


RATING_CHOICES = [
    (1, StarLabel(1, gettext_lazy("1 – Sangat tidak puas"))),
    (2, StarLabel(2, gettext_lazy("2 – Tidak puas"))),
    (3, StarLabel(3, gettext_lazy("3 – Cukup"))),
    (4, StarLabel(4, gettext_lazy("4 – Puas"))),
    (5, StarLabel(5, gettext_lazy("5 – Sangat puas"))),
]


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Seberapa puas Anda dengan jawaban atas aduan ini?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih satu sampai lima bintang.")},
    )
    solved = forms.TypedChoiceField(
        label=gettext_lazy("Apakah masalah Anda terselesaikan?"),
        choices=[("ya", gettext_lazy("Ya")), ("tidak", gettext_lazy("Tidak"))],
        coerce=lambda value: value == "ya",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih ya atau tidak.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Catatan (boleh dikosongkan)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=gettext_lazy("Alasan membuka kembali"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Jelaskan apa yang belum terselesaikan."),
        error_messages={"required": gettext_lazy("Tuliskan alasannya.")},
    )


#: The standard questionnaire of PermenPANRB 14/2017: per element the question and the four
#: answers from worst (1) to best (4).
QUESTIONS: dict[str, tuple[Any, tuple[Any, Any, Any, Any]]] = {
    "u1": (
        gettext_lazy(
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
            "pelayanannya?"
        ),
        (
            gettext_lazy("Tidak sesuai"),
            gettext_lazy("Kurang sesuai"),
            gettext_lazy("Sesuai"),
            gettext_lazy("Sangat sesuai"),
        ),
    ),
    "u2": (
        gettext_lazy(
            "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"
        ),
        (
            gettext_lazy("Tidak mudah"),
            gettext_lazy("Kurang mudah"),
            gettext_lazy("Mudah"),
            gettext_lazy("Sangat mudah"),
        ),
    ),
    "u3": (
        gettext_lazy(
            "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"
        ),
        (
            gettext_lazy("Tidak cepat"),
            gettext_lazy("Kurang cepat"),
            gettext_lazy("Cepat"),
            gettext_lazy("Sangat cepat"),
        ),
    ),
    "u4": (
        gettext_lazy("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (
            gettext_lazy("Sangat mahal"),
            gettext_lazy("Cukup mahal"),
            gettext_lazy("Murah"),
            gettext_lazy("Gratis"),
        ),
    ),
    "u5": (
        gettext_lazy(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
            "tercantum dalam standar pelayanan dengan hasil yang diberikan?"
        ),
        (
            gettext_lazy("Tidak sesuai"),
            gettext_lazy("Kurang sesuai"),
            gettext_lazy("Sesuai"),
            gettext_lazy("Sangat sesuai"),
        ),
    ),
    "u6": (
        gettext_lazy(
            "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"
        ),
        (
            gettext_lazy("Tidak kompeten"),
            gettext_lazy("Kurang kompeten"),
            gettext_lazy("Kompeten"),
            gettext_lazy("Sangat kompeten"),
        ),
    ),
    "u7": (
        gettext_lazy(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
            "kesopanan dan keramahan?"
        ),
        (
            gettext_lazy("Tidak sopan dan ramah"),
            gettext_lazy("Kurang sopan dan ramah"),
            gettext_lazy("Sopan dan ramah"),
            gettext_lazy("Sangat sopan dan ramah"),
        ),
    ),
    "u8": (
        gettext_lazy("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            gettext_lazy("Tidak ada"),
            gettext_lazy("Ada tetapi tidak berfungsi"),
            gettext_lazy("Berfungsi kurang maksimal"),
            gettext_lazy("Dikelola dengan baik"),
        ),
    ),
    "u9": (
        gettext_lazy("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (
            gettext_lazy("Buruk"),
            gettext_lazy("Cukup"),
            gettext_lazy("Baik"),
            gettext_lazy("Sangat baik"),
        ),
    ),
}


class SurveyForm(ProtectedForm):
    """The nine SKM questions (1–4 each) and an optional suggestion."""

    comment = forms.CharField(
        label=gettext_lazy("Saran untuk perbaikan layanan (boleh dikosongkan)"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (question, answers) in QUESTIONS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=question,
                choices=[(score, text) for score, text in enumerate(answers, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Pilih salah satu jawaban.")},
            )

    def questions(self) -> list[forms.BoundField]:
        return [self[name] for name in QUESTIONS]

    def answers(self) -> list[int]:
        return [self.cleaned_data[name] for name in QUESTIONS]
