from django.urls import path

from kinerja.performance import (
    views,
    views_dashboard,
    views_dialogue,
    views_distribution_rules,
    views_documents,
    views_during,
    views_evaluation,
    views_indicators,
    views_matrix,
    views_objection,
    views_penetapan,
    views_skp,
    views_team,
    views_why,
)

app_name = "performance"
urlpatterns = [
    path("periode/", views.periods, name="periods"),
    path("periode/<int:period_id>/status/", views.period_state, name="period_state"),
    path("skp/", views_skp.skp_list, name="skp_list"),
    path("evaluasi/", views_evaluation.evaluations, name="evaluations"),
    path("dasbor/", views_dashboard.dashboard, name="dashboard"),
    path(
        "evaluasi/<int:skp_id>/<int:period_id>/",
        views_evaluation.evaluation,
        name="evaluation",
    ),
    path("evaluasi/<int:evaluation_id>/mengapa/", views_why.why, name="why"),
    path(
        "evaluasi/<int:evaluation_id>/keberatan/",
        views_objection.objection_file,
        name="objection_file",
    ),
    path("keberatan/", views_objection.objections, name="objections"),
    path("keberatan/<int:objection_id>/", views_objection.objection, name="objection"),
    path("skp/mulai/", views_skp.skp_start, name="skp_start"),
    path("skp/tim/", views_team.team, name="skp_team"),
    path("skp/matriks/", views_matrix.matrix, name="matrix"),
    path("skp/belum-dapat-menyusun/", views_matrix.cannot_plan, name="cannot_plan"),
    path("skp/<int:skp_id>/", views_skp.skp_detail, name="skp_detail"),
    path("skp/<int:skp_id>/rencana/", views_skp.skp_plan, name="skp_plan"),
    path("skp/<int:skp_id>/keputusan/", views_skp.skp_decide, name="skp_decide"),
    path("skp/<int:skp_id>/pdf/", views_documents.skp_pdf, name="skp_pdf"),
    path("skp/<int:skp_id>/realisasi/", views_during.realisasi, name="realisasi"),
    path("skp/<int:skp_id>/umpan-balik/", views_dialogue.feedback, name="feedback"),
    path("skp/<int:skp_id>/dialog/", views_dialogue.dialog, name="dialog"),
    path("bukti/<int:evidence_id>/", views_during.evidence_download, name="evidence_download"),
    path(
        "realisasi/<int:realisasi_id>/aduan/",
        views_indicators.realisasi_complaints,
        name="realisasi_complaints",
    ),
    path(
        "realisasi/<int:realisasi_id>/angka/",
        views_indicators.realisasi_figure,
        name="realisasi_figure",
    ),
    path("penetapan/", views_penetapan.penetapan_list, name="penetapan_list"),
    path(
        "penetapan/aturan/",
        views_distribution_rules.distribution_rules_page,
        name="distribution_rules",
    ),
    path(
        "penetapan/<int:unit_id>/<int:period_id>/",
        views_penetapan.penetapan,
        name="penetapan",
    ),
    path(
        "penetapan/<int:unit_id>/<int:period_id>/pdf/",
        views_penetapan.penetapan_pdf,
        name="penetapan_pdf",
    ),
]
