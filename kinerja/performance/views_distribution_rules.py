"""The instansi's table of distribution rules (SE MenPANRB 3/2023; DOMAIN.md §1.4): read by the
instansi-wide readers, edited by Admin BKPSDM one clause per row, or put back to the defaults.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.roles import principal_for
from kinerja.org.access import get_instansi_for_user
from kinerja.org.models import Instansi
from kinerja.performance import scoring
from kinerja.performance.models import OrgPredikatValue, PredikatValue
from kinerja.performance.selectors_distribution import distribution_rules
from kinerja.performance.services import penetapan as services

BLANK = [("", gettext_lazy("— pilih —"))]
KIND_CHOICES = [
    (scoring.ClauseKind.AT_LEAST.value, gettext_lazy("paling sedikit … %")),
    (scoring.ClauseKind.AT_MOST.value, gettext_lazy("paling banyak … % (0 = tidak ada)")),
    (scoring.ClauseKind.SOME.value, gettext_lazy("harus ada (paling sedikit satu)")),
    (scoring.ClauseKind.MOST.value, gettext_lazy("sebagian besar (lebih dari 50 %)")),
]
WITH_THRESHOLD = {scoring.ClauseKind.AT_LEAST.value, scoring.ClauseKind.AT_MOST.value}


class ClauseForm(forms.Form):
    """One clause of the table: for units with ``org_predikat``, the share of ``group``."""

    org_predikat = forms.ChoiceField(
        label=gettext_lazy("Predikat unit"), choices=[*BLANK, *OrgPredikatValue.choices]
    )
    kind = forms.ChoiceField(label=gettext_lazy("Ketentuan"), choices=[*BLANK, *KIND_CHOICES])
    group = forms.MultipleChoiceField(
        label=gettext_lazy("Predikat pegawai (dihitung bersama)"),
        choices=PredikatValue.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    threshold = forms.DecimalField(
        label=gettext_lazy("Ambang (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, threshold = data.get("kind"), data.get("threshold")
        if kind in WITH_THRESHOLD and threshold is None:
            self.add_error("threshold", _("Isi ambang dalam persen."))
        elif kind and kind not in WITH_THRESHOLD and threshold:
            self.add_error("threshold", _("Ketentuan ini tidak memakai ambang; kosongkan."))
        return data

    def as_clause(self) -> dict[str, Any]:
        data = self.cleaned_data
        threshold = data.get("threshold") if data["kind"] in WITH_THRESHOLD else None
        return {
            "kind": data["kind"],
            "group": sorted(data["group"]),
            "threshold": format(threshold.normalize(), "f") if threshold is not None else "0",
        }


ClauseFormSet = forms.formset_factory(ClauseForm, extra=3, can_delete=True, max_num=60)


def _initial(instansi: Instansi) -> list[dict[str, Any]]:
    rules = distribution_rules(instansi.pk)
    return [
        {
            "org_predikat": org.value,
            "kind": clause.kind.value,
            "group": sorted(p.value for p in clause.group),
            "threshold": clause.threshold if clause.kind.value in WITH_THRESHOLD else None,
        }
        for org in scoring.OrgPredikat
        for clause in rules[org].clauses
    ]


def _table(instansi: Instansi) -> list[tuple[str, list[str]]]:
    rules = distribution_rules(instansi.pk)
    return [
        (str(label), [c.text() for c in rules[scoring.OrgPredikat(value)].clauses])
        for value, label in OrgPredikatValue.choices
    ]


@login_required
def distribution_rules_page(request: HttpRequest) -> HttpResponse:
    """The table of distribution rules of the instansi. Admin BKPSDM edits it (one clause per
    row; a unit predikat left without rows has no clause) or puts back the defaults; the
    Inspektorat and the superadmin read it. Approved penetapan keep the rule they were approved
    with."""
    instansi = get_instansi_for_user(request.user, request.GET.get("instansi"))
    principal = principal_for(request.user)
    if not principal.reads_instansi(instansi.pk):
        raise PermissionDenied
    can_write = principal.writes_instansi(instansi.pk)
    formset = ClauseFormSet(initial=_initial(instansi), prefix="c")
    status = 200
    errors: list[str] = []
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        here = f"{reverse('performance:distribution_rules')}?instansi={instansi.pk}"
        if request.POST.get("op") == "reset":
            services.set_distribution_rules(actor=request.user, instansi=instansi, rules=None)
            messages.success(request, _("Aturan distribusi dikembalikan ke bawaan."))
            return redirect(here)
        formset = ClauseFormSet(request.POST, initial=_initial(instansi), prefix="c")
        status = 400
        if formset.is_valid():
            table: dict[str, list[dict[str, Any]]] = {org.value: [] for org in scoring.OrgPredikat}
            kept = formset.initial_form_count()
            for index, form in enumerate(formset.forms):
                if form.cleaned_data.get("DELETE") or (index >= kept and not form.has_changed()):
                    continue
                table[form.cleaned_data["org_predikat"]].append(form.as_clause())
            try:
                services.set_distribution_rules(actor=request.user, instansi=instansi, rules=table)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Aturan distribusi disimpan."))
                return redirect(here)
    return render(
        request,
        "performance/distribution_rules.html",
        {
            "instansi": instansi,
            "table": _table(instansi),
            "formset": formset if can_write else None,
            "can_write": can_write,
            "errors": errors,
        },
        status=status,
    )
