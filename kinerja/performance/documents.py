"""The SKP as a document in the official layout (PermenPANRB 6/2022), rendered to PDF.

:func:`skp_document_context` gathers everything the layout shows in a fixed number of queries;
:func:`render_skp_pdf` turns it into a PDF through WeasyPrint. The SKP is an official document
signed in Bahasa Indonesia, so it is always rendered in Indonesian whatever the reader's UI
language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.employees.models import Employee
from kinerja.org import paths
from kinerja.org.models import Position, Unit
from kinerja.performance.models import Berakhlak, Iki, Rhk, RhkKind, Skp, SkpApproach, SkpState

TEMPLATE = "performance/skp_pdf.html"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "performance"
#: The language of the official document.
DOCUMENT_LANGUAGE = "id"
EMPTY = "—"

#: The three behaviour guides (panduan perilaku) of each BerAKHLAK core value, as the official
#: SKP form lists them under each value (SE MenPANRB 20/2021; DOMAIN.md §1.2).
BERAKHLAK_GUIDES: dict[str, tuple[Promise, Promise, Promise]] = {
    Berakhlak.BERORIENTASI_PELAYANAN: (
        gettext_lazy("Memahami dan memenuhi kebutuhan masyarakat"),
        gettext_lazy("Ramah, cekatan, solutif, dan dapat diandalkan"),
        gettext_lazy("Melakukan perbaikan tiada henti"),
    ),
    Berakhlak.AKUNTABEL: (
        gettext_lazy(
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan "
            "berintegritas tinggi"
        ),
        gettext_lazy(
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
            "dan efisien"
        ),
        gettext_lazy("Tidak menyalahgunakan kewenangan jabatan"),
    ),
    Berakhlak.KOMPETEN: (
        gettext_lazy("Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah"),
        gettext_lazy("Membantu orang lain belajar"),
        gettext_lazy("Melaksanakan tugas dengan kualitas terbaik"),
    ),
    Berakhlak.HARMONIS: (
        gettext_lazy("Menghargai setiap orang apa pun latar belakangnya"),
        gettext_lazy("Suka menolong orang lain"),
        gettext_lazy("Membangun lingkungan kerja yang kondusif"),
    ),
    Berakhlak.LOYAL: (
        gettext_lazy(
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia "
            "Tahun 1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan "
            "yang sah"
        ),
        gettext_lazy("Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara"),
        gettext_lazy("Menjaga rahasia jabatan dan negara"),
    ),
    Berakhlak.ADAPTIF: (
        gettext_lazy("Cepat menyesuaikan diri menghadapi perubahan"),
        gettext_lazy("Terus berinovasi dan mengembangkan kreativitas"),
        gettext_lazy("Bertindak proaktif"),
    ),
    Berakhlak.KOLABORATIF: (
        gettext_lazy("Memberi kesempatan kepada berbagai pihak untuk berkontribusi"),
        gettext_lazy("Terbuka dalam bekerja sama untuk menghasilkan nilai tambah"),
        gettext_lazy("Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"),
    ),
}


@dataclass(frozen=True)
class PersonBlock:
    """One column of the identity block; ``EMPTY`` where the post or the person is unknown."""

    role: str
    name: str
    nip: str
    pangkat: str
    jabatan: str
    unit: str


@dataclass(frozen=True)
class IkiRow:
    text: str
    #: The aspek (non-JPT) or perspektif (JPT) label, ``EMPTY`` when not set.
    category: str
    #: The target with its unit, or the qualitative expectation in words.
    target: str
    is_quantitative: bool


@dataclass(frozen=True)
class RhkRow:
    number: int
    text: str
    #: "RHK pimpinan yang diintervensi" (non-JPT only; ``EMPTY`` when not linked).
    leader_text: str
    ikis: list[IkiRow]

    @property
    def rowspan(self) -> int:
        return max(len(self.ikis), 1)


@dataclass(frozen=True)
class RhkGroup:
    letter: str
    label: str
    rows: list[RhkRow]


@dataclass(frozen=True)
class BehaviourRow:
    number: int
    label: str
    guides: list[str]
    expectation: str


def _document_skp(skp: Skp) -> Skp:
    """The SKP with every row the layout shows: one query for the SKP and its people, one each
    for the RHK (with the leader's RHK), the IKI and the expectations."""
    return (
        Skp.objects.select_related(
            "instansi",
            "performance_year",
            "employee",
            "position",
            "unit",
            "assessor",
            "assessor_position__unit",
            "assessor_position__parent__unit",
            "assessor_superior",
        )
        .prefetch_related(
            Prefetch(
                "rhks",
                queryset=Rhk.objects.select_related("supports").order_by("order", "pk"),
            ),
            Prefetch("rhks__ikis", queryset=Iki.objects.order_by("order", "pk")),
            "expectations",
        )
        .get(pk=skp.pk)
    )


def _opd_names(instansi_id: int, units: list[Unit]) -> dict[str, str]:
    """The perangkat daerah (top unit) of each unit, by path, in one query."""
    tops = {unit.path[: paths.SEGMENT] for unit in units if unit.depth > 0}
    if not tops:
        return {}
    return dict(
        Unit.objects.filter(instansi_id=instansi_id, path__in=tops).values_list("path", "name")
    )


def _unit_label(unit: Unit | None, opds: dict[str, str]) -> str:
    if unit is None:
        return EMPTY
    opd = opds.get(unit.path[: paths.SEGMENT]) if unit.depth > 0 else None
    return f"{unit.name}, {opd}" if opd else unit.name


def _pangkat_label(employee: Employee) -> str:
    if employee.pangkat and employee.golongan:
        return f"{employee.pangkat}, {employee.golongan}"
    return employee.golongan or EMPTY


def _person(
    role: str,
    employee: Employee | None,
    position: Position | None,
    unit: Unit | None,
    opds: dict[str, str],
) -> PersonBlock:
    return PersonBlock(
        role=role,
        name=employee.full_name if employee else EMPTY,
        nip=employee.nip if employee else EMPTY,
        pangkat=_pangkat_label(employee) if employee else EMPTY,
        jabatan=position.name if position else EMPTY,
        unit=_unit_label(unit, opds) if position or employee else EMPTY,
    )


def format_target(iki: Iki) -> str:
    """A numeric target in Indonesian notation with its unit ("1.250 dokumen", "12,5 %"), or
    the qualitative expectation in words."""
    if iki.target is None:
        return iki.text
    value: Decimal = iki.target.normalize()
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    number = formats.number_format(value, places, use_l10n=True, force_grouping=True)
    return f"{number} {iki.unit}".strip()


def _iki_row(skp: Skp, iki: Iki) -> IkiRow:
    if skp.is_jpt:
        category = iki.get_perspektif_display() if iki.perspektif else EMPTY
    else:
        category = iki.get_aspek_display() if iki.aspek else EMPTY
    return IkiRow(
        text=iki.text,
        category=str(category),
        target=format_target(iki),
        is_quantitative=iki.is_quantitative,
    )


def _rhk_groups(skp: Skp) -> list[RhkGroup]:
    rhks = list(skp.rhks.all())
    groups = []
    for letter, kind in (("A", RhkKind.UTAMA), ("B", RhkKind.TAMBAHAN)):
        rows = [
            RhkRow(
                number=number,
                text=rhk.text,
                leader_text=rhk.supports.text if rhk.supports else EMPTY,
                ikis=[_iki_row(skp, iki) for iki in rhk.ikis.all()],
            )
            for number, rhk in enumerate((r for r in rhks if r.kind == kind), start=1)
        ]
        groups.append(RhkGroup(letter=letter, label=str(kind.label), rows=rows))
    return groups


def _behaviours(skp: Skp) -> list[BehaviourRow]:
    expectations = {e.value: e.text for e in skp.expectations.all()}
    return [
        BehaviourRow(
            number=number,
            label=str(value.label),
            guides=[str(guide) for guide in BERAKHLAK_GUIDES[value]],
            expectation=expectations.get(value, ""),
        )
        for number, value in enumerate(Berakhlak, start=1)
    ]


def _long_date(day: date | None) -> str:
    return formats.date_format(day, "j F Y") if day else ""


def document_place(skp: Skp) -> str:
    """Where the SKP is signed: the ``KINERJA_DOCUMENT_PLACE`` setting (e.g. "Surakarta") when
    set, else the instansi's name."""
    return getattr(settings, "KINERJA_DOCUMENT_PLACE", "") or skp.instansi.name


def _subtitle(skp: Skp) -> str:
    approach = (
        _("Pendekatan hasil kerja kualitatif")
        if skp.approach == SkpApproach.QUALITATIVE
        else _("Pendekatan hasil kerja kuantitatif")
    )
    if skp.is_jpt:
        return f"{approach} {_('bagi Pejabat Pimpinan Tinggi dan Pimpinan Unit Kerja Mandiri')}"
    return f"{approach} {_('bagi Pejabat Administrasi dan Pejabat Fungsional')}"


def _context(skp: Skp) -> dict[str, Any]:
    assessor_position = skp.assessor_position
    superior_position = assessor_position.parent if assessor_position else None
    units = [u for u in (skp.unit, assessor_position and assessor_position.unit) if u]
    if superior_position:
        units.append(superior_position.unit)
    opds = _opd_names(skp.instansi_id, units)
    approved = skp.state == SkpState.APPROVED
    approved_on = timezone.localdate(skp.decided_at) if approved and skp.decided_at else None
    return {
        "skp": skp,
        "year": skp.performance_year.year,
        "is_jpt": skp.is_jpt,
        "is_draft": not approved,
        "state_label": skp.get_state_display(),
        "subtitle": _subtitle(skp),
        "instansi_name": skp.instansi.name,
        "period_label": f"{_long_date(skp.starts)} – {_long_date(skp.ends)}",
        "people": [
            _person(_("Pegawai yang dinilai"), skp.employee, skp.position, skp.unit, opds),
            _person(
                _("Pejabat penilai kinerja"),
                skp.assessor,
                assessor_position,
                assessor_position.unit if assessor_position else None,
                opds,
            ),
            _person(
                _("Atasan pejabat penilai kinerja"),
                skp.assessor_superior,
                superior_position,
                superior_position.unit if superior_position else None,
                opds,
            ),
        ],
        "groups": _rhk_groups(skp),
        "behaviours": _behaviours(skp),
        "lampiran": [
            (_("Dukungan sumber daya"), skp.dukungan_sumber_daya),
            (_("Skema pertanggungjawaban"), skp.skema_pertanggungjawaban),
            (_("Konsekuensi"), skp.konsekuensi),
        ],
        "place": document_place(skp),
        "approved_on": _long_date(approved_on),
        "empty": EMPTY,
    }


def skp_document_context(skp: Skp) -> dict[str, Any]:
    """Everything the official SKP layout shows, in Indonesian, in at most five queries whatever
    the number of RHK and IKI: the identity block (employee, pejabat penilai kinerja and atasan
    pejabat penilai), the period, the RHK grouped Utama then Tambahan with their IKI, the seven
    BerAKHLAK values with their guides and the Ekspektasi Khusus Pimpinan, the lampiran and the
    signature place and date."""
    with translation.override(DOCUMENT_LANGUAGE):
        return _context(_document_skp(skp))


def render_skp_html(skp: Skp, request: HttpRequest | None = None) -> str:
    """The SKP document as HTML, the input of the PDF."""
    context = skp_document_context(skp)
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(TEMPLATE, context, request=request)


def render_skp_pdf(skp: Skp, request: HttpRequest | None = None) -> bytes:
    """The SKP as a PDF (A4 landscape), marked DRAF on every page until it is approved.

    Nothing is fetched while rendering: the stylesheet is inline, there are no images or web
    fonts, and the fetcher accepts ``data:`` URLs only.
    """
    # Imported here: WeasyPrint loads Pango when imported, and only this path needs it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_skp_html(skp, request)
    document = HTML(
        string=html,
        base_url=str(TEMPLATE_DIR),
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    )
    return bytes(document.write_pdf())


def pdf_filename(skp: Skp) -> str:
    """The download's name: year and SKP id only, never the employee's name or NIP."""
    return f"skp-{skp.performance_year.year}-{skp.pk}.pdf"
