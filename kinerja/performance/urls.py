from django.urls import path

from kinerja.performance import (
    views,
    views_dialogue,
    views_documents,
    views_during,
    views_evaluation,
    views_matrix,
    views_skp,
)

app_name = "performance"
urlpatterns = [
    path("periode/", views.periods, name="periods"),
    path("periode/<int:period_id>/status/", views.period_state, name="period_state"),
    path("skp/", views_skp.skp_list, name="skp_list"),
    path("evaluasi/", views_evaluation.evaluations, name="evaluations"),
    path(
        "evaluasi/<int:skp_id>/<int:period_id>/",
        views_evaluation.evaluation,
        name="evaluation",
    ),
    path("skp/mulai/", views_skp.skp_start, name="skp_start"),
    path("skp/tim/", views_skp.skp_team, name="skp_team"),
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
]
