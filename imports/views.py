from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from fitness.accounts.models import WeightUnit
from fitness.http import post_only, read_only
from imports import selectors, services
from imports.access import get_job_for_user, get_upload_member
from imports.export import export_csv_chunks, export_filename
from imports.forms import ConfirmForm, ExportForm, ImportForm, StaffImportForm
from imports.models import ImportJob
from imports.parsers import PARSERS
from imports.parsers.base import ImportFormatError
from imports.preview import exercise_choices, import_preview
from imports.summary import ImportSummary
from imports.uploads import (
    KeptUpload,
    UploadExpired,
    UploadGone,
    UploadNotYours,
    upload_keep,
    upload_open,
)

RECENT_JOBS = 10
SUMMARY_SESSION_KEY = "imports:last_summary"
CONFIRMED_SESSION_KEY = "imports:last_confirmed"
IMPORT_TEMPLATE = "imports/import.html"
STAFF_TEMPLATE = "imports/staff_import.html"


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
        jobs = selectors.import_jobs_for(request.user)[:RECENT_JOBS]
        context = {"export_form": form, "jobs": jobs}
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


def _import_context(form, **extra) -> dict:
    return {
        "form": form,
        "parsers": PARSERS,
        "async_threshold_mb": settings.IMPORT_ASYNC_THRESHOLD_BYTES / (1024 * 1024),
        **extra,
    }


def _render_preview(
    request: HttpRequest, *, kept: KeptUpload, member, form: ConfirmForm
) -> HttpResponse:
    context = {
        "preview": form.preview,
        "form": form,
        "kept": kept,
        "member": member if member != request.user else None,
    }
    return render(request, "imports/preview.html", context)


def _preview_upload(request: HttpRequest, form: ImportForm, *, member, template: str):
    """Keep the upload and show what importing it would do; nothing is written yet."""
    upload, unit = form.cleaned_data["file"], form.cleaned_data["unit"]
    kept = upload_keep(
        fileobj=upload,
        uploader=request.user,
        member=member,
        file_name=upload.name,
        format=form.cleaned_data["format"],
    )
    try:
        preview = import_preview(user=member, path=kept.path, format=kept.format, unit=unit)
    except ImportFormatError as exc:
        kept.discard()
        form.add_error("file", f"{upload.name}: {exc}")
        return render(request, template, _import_context(form))
    confirm = ConfirmForm(preview=preview, initial={"token": kept.token, "unit": unit})
    return _render_preview(request, kept=kept, member=member, form=confirm)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview_upload(request, form, member=request.user, template=IMPORT_TEMPLATE)
        return render(request, IMPORT_TEMPLATE, _import_context(form))
    context = _import_context(ImportForm(), jobs=selectors.import_jobs_for(request.user)[:5])
    return render(request, IMPORT_TEMPLATE, context)


@login_required
def staff_import(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    if request.method == "POST":
        form = StaffImportForm(request.POST, request.FILES)
        if form.is_valid():
            member = form.cleaned_data["member"]
            return _preview_upload(request, form, member=member, template=STAFF_TEMPLATE)
        return render(request, STAFF_TEMPLATE, _import_context(form))
    return render(request, STAFF_TEMPLATE, _import_context(StaffImportForm()))


def _upload_again(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    context = _import_context(ImportForm(), error=message)
    return render(request, IMPORT_TEMPLATE, context, status=status)


def _already_confirmed(request: HttpRequest, kept_id: str) -> HttpResponse | None:
    """A second confirm of the same preview (double click, back button) shows the result of
    the first instead of importing again."""
    done = request.session.get(CONFIRMED_SESSION_KEY) or {}
    if done.get("upload") != kept_id:
        return None
    if done.get("job"):
        return redirect("imports:job", job_id=done["job"])
    return redirect("imports:summary")


@login_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    """POST from the preview: import the kept file as the member confirmed it."""
    if response := post_only(request):
        return response
    try:
        kept = upload_open(token=request.POST.get("token", ""), uploader=request.user)
    except UploadNotYours:
        raise Http404 from None
    except UploadGone as gone:
        return _already_confirmed(request, gone.kept.id) or _upload_again(
            request,
            "This upload is no longer here (it was imported or expired): upload the file again.",
            status=410,
        )
    except UploadExpired:
        return _upload_again(
            request, "This preview has expired: upload the file again.", status=400
        )
    member = get_upload_member(request.user, kept.member_id)
    unit = request.POST.get("unit") if request.POST.get("unit") in WeightUnit.values else None
    try:
        preview = import_preview(user=member, path=kept.path, format=kept.format, unit=unit)
    except ImportFormatError as exc:
        kept.discard()
        return _upload_again(request, f"{kept.file_name}: {exc}", status=400)
    form = ConfirmForm(request.POST, preview=preview)
    if not form.is_valid():
        return _render_preview(request, kept=kept, member=member, form=form)
    choices = exercise_choices(preview, form.chosen())
    unit = form.cleaned_data["unit"] or None
    if kept.size >= settings.IMPORT_ASYNC_THRESHOLD_BYTES:
        return _confirm_in_background(request, kept, member, unit, choices)
    try:
        summary = services.import_confirm(
            user=member, path=kept.path, format=kept.format, unit=unit, choices=choices
        )
    except ImportFormatError as exc:
        kept.discard()
        return _upload_again(request, f"{kept.file_name}: {exc}", status=400)
    kept.discard()
    summary.file_name = kept.file_name
    summary.member = member.display_name if member != request.user else ""
    request.session[SUMMARY_SESSION_KEY] = summary.to_json()
    request.session[CONFIRMED_SESSION_KEY] = {"upload": kept.id}
    return redirect("imports:summary")


def _confirm_in_background(request, kept: KeptUpload, member, unit, choices) -> HttpResponse:
    job = services.import_job_confirm(
        user=member,
        path=kept.path,
        file_name=kept.file_name,
        format=kept.format,
        unit=unit,
        choices=choices,
        created_by=request.user,
    )
    kept.discard()
    if job.status == ImportJob.Status.FAILED and not job.started_at:
        mb = settings.IMPORT_ASYNC_THRESHOLD_BYTES / (1024 * 1024)
        return _upload_again(
            request,
            "Background processing is unavailable right now, so files of "
            f"{mb:.0f} MB or more cannot be imported. Try again later, or split the file "
            "into smaller parts.",
            status=503,
        )
    request.session[CONFIRMED_SESSION_KEY] = {"upload": kept.id, "job": str(job.pk)}
    return redirect("imports:job", job_id=job.pk)


@login_required
@require_safe
def import_summary(request: HttpRequest) -> HttpResponse:
    summary = ImportSummary.from_json(request.session.get(SUMMARY_SESSION_KEY))
    if summary is None:
        return redirect("imports:import")
    return render(request, "imports/summary.html", {"summary": summary})


@login_required
def job_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = get_job_for_user(request.user, job_id)
    if response := read_only(request):
        return response
    if request.htmx:
        return render(request, "imports/_job_status.html", {"job": job})
    return render(request, "imports/job.html", {"job": job})
