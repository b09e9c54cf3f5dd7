"""Forms of the complaint staff pages: one per workflow step, and the staff entry form.

Every step form carries the complaint version it was drawn from, so that two people acting at
once do not overwrite each other (the second gets 409 with what they typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.complaints import selectors
from kinerja.complaints.models import Category, Channel, Classification, Complaint
from kinerja.complaints.services.intake import STAFF_CHANNELS
from kinerja.complaints.services.workflow import MAX_TEXT
from kinerja.core.widgets import FastSelect
from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Unit

TEXTAREA = {"rows": 3}


def _note(label: Any, required: bool, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=help_text,
    )


def _fast(field: forms.ChoiceField) -> FastSelect:
    """A select rendered in Python, for long lists (categories, units, officers)."""
    return FastSelect(choices=cast(Any, field.choices))


class UnitChoiceField(forms.ModelChoiceField):
    """Units indented by depth: many share a name ("Subbagian Umum"), the tree tells them apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


def _category_field(required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.none(),
        required=required,
        empty_label=_("— tetap / belum ditentukan —"),
    )


class StepForm(forms.Form):
    """A workflow step on one complaint."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", complaint.version)
        super().__init__(*args, **kwargs)
        self.complaint = complaint

    def _use_categories(self) -> None:
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.instansi_categories(self.complaint.instansi_id)
        field.widget = _fast(field)
        self.initial.setdefault("category", self.complaint.category_id)


class VerifyForm(StepForm):
    category = _category_field()
    classification = forms.ChoiceField(label=_("Klasifikasi"), choices=Classification.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._use_categories()
        self.initial.setdefault("classification", self.complaint.classification)


class RouteForm(StepForm):
    unit = UnitChoiceField(
        label=_("OPD / unit tujuan"), queryset=Unit.objects.none(), empty_label=_("— pilih —")
    )
    category = _category_field()
    note = _note(_("Catatan disposisi"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        # OPDs come first in tree order, their units below them.
        field.queryset = selectors.route_units(self.complaint.instansi_id)
        field.widget = _fast(field)
        category = self.complaint.category
        default_unit = self.complaint.unit_id or (category.default_unit_id if category else None)
        self.initial.setdefault("unit", default_unit)
        self._use_categories()


class AssignForm(StepForm):
    officer = forms.ModelChoiceField(
        label=_("Petugas"), queryset=Employee.objects.none(), empty_label=_("— pilih —")
    )
    note = _note(_("Catatan untuk petugas"), required=False)

    def __init__(self, *args: Any, search: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        # Any officer of the unit's subtree is valid; the list shows a bounded, searchable part.
        field.queryset = selectors.officers_for(self.complaint)
        typed = self.data.get(self.add_prefix("officer")) if self.is_bound else None
        rows, self.more_officers = selectors.officer_options(self.complaint, search, keep=typed)
        choices = [("", str(field.empty_label))] + [(e.pk, _officer_label(e)) for e in rows]
        field.widget = FastSelect(choices=choices)
        self.initial.setdefault("officer", self.complaint.officer_id)
        self.officer_search = search


def _officer_label(employee: Employee) -> str:
    position = employee.current_position
    return f"{employee.full_name} · {employee.nip}" + (f" · {position.name}" if position else "")


class RespondForm(StepForm):
    body = _note(_("Isi tanggapan"), required=True)
    internal = forms.BooleanField(
        label=_("Catatan internal (tidak terlihat oleh warga)"), required=False
    )


class FollowUpForm(StepForm):
    body = _note(
        _("Jawaban tindak lanjut"),
        required=True,
        help_text=_("Uraikan yang sudah dikerjakan; verifikator memeriksa jawaban ini."),
    )


class NoteForm(StepForm):
    note = _note(_("Alasan"), required=True)


class PublicReasonForm(StepForm):
    """Ending a complaint without handling it: the citizen reads the reason on the tracking page."""

    note = _note(
        _("Alasan"),
        required=True,
        help_text=_("Alasan ini ditampilkan kepada pelapor di halaman pelacakan."),
    )


class OptionalNoteForm(StepForm):
    note = _note(_("Catatan"), required=False)


@dataclass(frozen=True)
class Action:
    """How a workflow step appears on the detail page."""

    form: type[StepForm]
    title: Any
    button: Any
    danger: bool = False


ACTIONS: dict[str, Action] = {
    "verify": Action(VerifyForm, _("Verifikasi aduan"), _("Verifikasi")),
    "route": Action(RouteForm, _("Teruskan ke OPD"), _("Teruskan")),
    "assign": Action(AssignForm, _("Tunjuk petugas"), _("Tunjuk")),
    "respond": Action(RespondForm, _("Tulis tanggapan atau catatan internal"), _("Kirim")),
    "follow_up": Action(FollowUpForm, _("Jawab tindak lanjut"), _("Kirim jawaban")),
    "accept": Action(OptionalNoteForm, _("Terima jawaban tindak lanjut"), _("Terima")),
    "reject_answer": Action(NoteForm, _("Tolak jawaban tindak lanjut"), _("Tolak jawaban"), True),
    "return": Action(
        NoteForm, _("Kembalikan ke verifikator (bukan wewenang unit ini)"), _("Kembalikan"), True
    ),
    "reject": Action(PublicReasonForm, _("Tolak aduan"), _("Tolak aduan"), True),
    "not_ours": Action(
        PublicReasonForm, _("Bukan wewenang Pemerintah Kota"), _("Tandai bukan wewenang"), True
    ),
    "reopen": Action(NoteForm, _("Buka kembali aduan"), _("Buka kembali"), True),
}


def action_form(action: str, complaint: Complaint, data: Any = None, **extra: Any) -> StepForm:
    """The (blank or bound) form of ``action`` on ``complaint``, prefixed by the action name so
    that several forms live on one page."""
    form_class = ACTIONS[action].form
    kwargs: dict[str, Any] = {"complaint": complaint, "prefix": action}
    if form_class is AssignForm:
        kwargs["search"] = extra.get("search", "")
    return form_class(data, **kwargs)


# --- Staff entry ----------------------------------------------------------------------------


class EntryForm(forms.Form):
    """A complaint received by phone, at the counter, by e-mail, social media or WhatsApp."""

    instansi = forms.ModelChoiceField(label=_("Instansi"), queryset=Instansi.objects.none())
    channel = forms.ChoiceField(
        label=_("Kanal"), choices=[(c.value, c.label) for c in STAFF_CHANNELS]
    )
    received_at = forms.DateTimeField(
        label=_("Diterima"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Waktu aduan disampaikan; boleh hari sebelumnya, tidak boleh di masa depan."),
    )
    title = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(
        label=_("Uraian"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    location = forms.CharField(label=_("Lokasi"), max_length=300, required=False)
    category = _category_field()
    classification = forms.ChoiceField(
        label=_("Klasifikasi"), choices=Classification.choices, initial=Classification.PENGADUAN
    )
    complainant_name = forms.CharField(label=_("Nama pelapor"), max_length=150, required=False)
    complainant_phone = forms.CharField(
        label=_("Nomor HP pelapor"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    complainant_email = forms.CharField(
        label=_("E-mail pelapor"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(
        self, *args: Any, instansi: list[Instansi], categories: Any, now_text: str, **kwargs: Any
    ) -> None:
        """``instansi`` (at least one) are where the user may enter complaints."""
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("received_at", now_text)
        kwargs["initial"].setdefault("channel", Channel.PHONE)
        super().__init__(*args, **kwargs)
        field = self.fields["instansi"]
        assert isinstance(field, forms.ModelChoiceField)
        self.fixed_instansi = instansi[0] if len(instansi) == 1 else None
        if self.fixed_instansi is not None:
            del self.fields["instansi"]  # one instansi: nothing to choose
        else:
            field.queryset = Instansi.objects.filter(pk__in=[i.pk for i in instansi])
            field.widget = _fast(field)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = categories
        category.empty_label = _("— belum ditentukan —")
        category.widget = _fast(category)


def entry_instansi_of(form: EntryForm) -> Instansi:
    """The instansi a valid entry form files into."""
    return form.fixed_instansi or form.cleaned_data["instansi"]
