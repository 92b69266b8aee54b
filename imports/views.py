from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from fitness.http import read_only
from imports import selectors, services
from imports.export import export_csv_chunks, export_filename
from imports.forms import ExportForm, ImportForm, StaffImportForm
from imports.models import ImportJob
from imports.parsers import PARSERS
from imports.parsers.base import ImportFormatError
from imports.summary import ImportSummary

RECENT_JOBS = 10
SUMMARY_SESSION_KEY = "imports:last_summary"


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The hub: export form, a link to the import page, my recent jobs."""
    return render(
        request,
        "imports/index.html",
        {
            "export_form": ExportForm(),
            "jobs": selectors.import_jobs_for(request.user)[:RECENT_JOBS],
        },
    )


@login_required
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        context = {"export_form": form, "jobs": selectors.import_jobs_for(request.user)[:10]}
        return render(request, "imports/index.html", context, status=400)
    date_from, date_to = form.cleaned_data["from"], form.cleaned_data["to"]
    response = StreamingHttpResponse(
        export_csv_chunks(user=request.user, date_from=date_from, date_to=date_to),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{export_filename(date_from, date_to)}"'
    )
    response["Cache-Control"] = "no-store"
    return response


def _import_context(form) -> dict:
    return {
        "form": form,
        "parsers": PARSERS,
        "async_threshold_mb": settings.IMPORT_ASYNC_THRESHOLD_BYTES / (1024 * 1024),
    }


def _handle_upload(request: HttpRequest, form: ImportForm, *, user, template: str):
    """Small files are imported now (summary page); large ones become a background job."""
    upload = form.cleaned_data["file"]
    fmt, unit = form.cleaned_data["format"], form.cleaned_data["unit"]
    if upload.size >= settings.IMPORT_ASYNC_THRESHOLD_BYTES:
        job = services.import_job_create(
            user=user,
            fileobj=upload,
            file_name=upload.name,
            format=fmt,
            unit=unit,
            created_by=request.user,
        )
        if job.status == ImportJob.Status.FAILED and not job.started_at:
            form.add_error(
                "file",
                "Background processing is unavailable right now, so files of "
                f"{_import_context(form)['async_threshold_mb']:.0f} MB or more cannot be "
                "imported. Try again later, or split the file into smaller parts.",
            )
            return render(request, template, _import_context(form), status=503)
        return redirect("imports:job", job_id=job.pk)
    try:
        summary = services.import_file(user=user, fileobj=upload, format=fmt, unit=unit)
    except ImportFormatError as exc:
        form.add_error("file", f"{upload.name}: {exc}")
        return render(request, template, _import_context(form))
    summary.file_name = upload.name
    summary.member = user.display_name if user != request.user else ""
    request.session[SUMMARY_SESSION_KEY] = summary.to_json()
    return redirect("imports:summary")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            return _handle_upload(request, form, user=request.user, template="imports/import.html")
        return render(request, "imports/import.html", _import_context(form))
    form = ImportForm(initial={"unit": request.user.preferred_unit})
    context = _import_context(form) | {"jobs": selectors.import_jobs_for(request.user)[:5]}
    return render(request, "imports/import.html", context)


@login_required
def staff_import(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    template = "imports/staff_import.html"
    if request.method == "POST":
        form = StaffImportForm(request.POST, request.FILES)
        if form.is_valid():
            member = form.cleaned_data["member"]
            return _handle_upload(request, form, user=member, template=template)
        return render(request, template, _import_context(form))
    return render(request, template, _import_context(StaffImportForm()))


@login_required
@require_safe
def import_summary(request: HttpRequest) -> HttpResponse:
    summary = ImportSummary.from_json(request.session.get(SUMMARY_SESSION_KEY))
    if summary is None:
        return redirect("imports:import")
    return render(request, "imports/summary.html", {"summary": summary})


@login_required
def job_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.import_job_for(request.user, job_id)
    if job is None:
        raise Http404
    if response := read_only(request):
        return response
    if request.htmx:
        return render(request, "imports/_job_status.html", {"job": job})
    return render(request, "imports/job.html", {"job": job})
