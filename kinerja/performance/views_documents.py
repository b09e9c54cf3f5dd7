"""Documents of the performance cycle for download: the SKP as a PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from kinerja.performance.access import get_skp_for_user
from kinerja.performance.documents import pdf_filename, render_skp_pdf


@login_required
@require_GET
def skp_pdf(request: HttpRequest, skp_id: int) -> HttpResponse:
    """The SKP in the official layout as a PDF download, for anyone who may read the SKP.

    The file name carries the year and the SKP's id only, never the employee's name or NIP.
    """
    skp = get_skp_for_user(request.user, skp_id)
    response = HttpResponse(render_skp_pdf(skp, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(skp)}"'
    # The document holds personal data: never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
