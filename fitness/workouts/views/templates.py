from dataclasses import dataclass, field
from itertools import pairwise

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from fitness.accounts.selectors import friends_of
from fitness.formatting import plain_number
from fitness.http import post_only, read_only
from fitness.units import for_display
from fitness.workouts import selectors, services
from fitness.workouts.access import get_template_for_user, get_template_item_for_user
from fitness.workouts.forms import TargetsForm, TemplateExerciseAddForm, TemplateForm
from fitness.workouts.models import WorkoutTemplate, WorkoutTemplateExercise, superset_label


@dataclass
class TargetRow:
    """One exercise of a template as the editor shows it (weight in the member's unit)."""

    item: WorkoutTemplateExercise
    sets: str
    reps: str
    weight: str
    rest: str
    notes: str
    errors: list[str] = field(default_factory=list)
    joined_with_next: bool = False  # in one superset with the next exercise already

    @property
    def superset_label(self) -> str:
        return superset_label(self.item.superset_group)


def _rows(items, unit: str, bound: tuple | None = None) -> list[TargetRow]:
    rows = []
    for item in items:
        if bound and bound[0] == item.pk:
            data, form = bound[1], bound[2]
            rows.append(
                TargetRow(
                    item=item,
                    sets=data.get("target_sets", ""),
                    reps=data.get("target_reps", ""),
                    weight=data.get("target_weight", ""),
                    rest=data.get("rest_seconds", ""),
                    notes=data.get("notes", ""),
                    errors=[e for errors in form.errors.values() for e in errors],
                )
            )
            continue
        rows.append(
            TargetRow(
                item=item,
                sets=str(item.target_sets),
                reps="" if item.target_reps is None else str(item.target_reps),
                weight=plain_number(for_display(item.target_weight, item.target_weight_unit, unit)),
                rest="" if item.rest_seconds is None else str(item.rest_seconds),
                notes=item.notes,
            )
        )
    return rows


def _editor_context(request, template, add_form=None, bound=None) -> dict:
    rows = _rows(selectors.template_items(template), request.user.preferred_unit, bound)
    for row, following in pairwise(rows):
        group = row.item.superset_group
        row.joined_with_next = group is not None and group == following.item.superset_group
    add_form = add_form or TemplateExerciseAddForm(user=request.user)
    return {
        "template": template,
        "rows": rows,
        "add_form": add_form,
        "exercise_options": selectors.exercise_options(
            request.user, selected=add_form["exercise"].value()
        ),
        "unit": request.user.preferred_unit,
    }


def _after_item_change(request, template, **context) -> HttpResponse:
    """htmx: the re-rendered exercise list; without JavaScript: back to the editor."""
    if request.htmx:
        return render(
            request,
            "workouts/_template_items.html",
            _editor_context(request, template, **context),
        )
    if context:  # a form error: show the whole page with it
        return render(
            request, "workouts/template_detail.html", _editor_context(request, template, **context)
        )
    return redirect(reverse("workouts:template_detail", args=[template.pk]) + "#exercises")


@login_required
@require_safe
def template_list(request: HttpRequest) -> HttpResponse:
    show_archived = request.GET.get("archived") == "1"
    templates = selectors.template_list(user=request.user, archived=show_archived)
    return render(
        request,
        "workouts/template_list.html",
        {
            "templates": templates,
            "show_archived": show_archived,
            "archived_count": (
                sum(t.is_archived for t in templates)
                if show_archived
                else selectors.template_archived_count(user=request.user)
            ),
            "in_progress": list(selectors.sessions_in_progress(user=request.user)[:3]),
        },
    )


def _friend_names(user) -> list[str]:
    return [friend.display_name for friend in friends_of(user)]


@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None, friend_names=_friend_names(request.user))
    if request.method == "POST" and form.is_valid():
        template = services.template_create(user=request.user, **form.cleaned_data)
        messages.success(request, f"Template “{template.name}” created. Now add its exercises.")
        return redirect("workouts:template_detail", template_id=template.pk)
    return render(request, "workouts/template_form.html", {"form": form, "template": None})


@login_required
def template_edit(request: HttpRequest, template_id) -> HttpResponse:
    template = get_template_for_user(request.user, template_id)
    form = TemplateForm(
        request.POST or None,
        initial={
            "name": template.name,
            "description": template.description,
            "visibility": template.visibility,
        },
        friend_names=_friend_names(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.template_update(template=template, **form.cleaned_data)
        messages.success(request, "Template saved.")
        return redirect("workouts:template_detail", template_id=template.pk)
    return render(request, "workouts/template_form.html", {"form": form, "template": template})


@login_required
def template_detail(request: HttpRequest, template_id) -> HttpResponse:
    template = get_template_for_user(request.user, template_id)
    if response := read_only(request):
        return response
    context = _editor_context(request, template)
    if template.visibility == WorkoutTemplate.Visibility.FRIENDS:
        context["friend_names"] = _friend_names(request.user)  # who sees it, one query
    return render(request, "workouts/template_detail.html", context)


@login_required
def template_duplicate(request: HttpRequest, template_id) -> HttpResponse:
    template = get_template_for_user(request.user, template_id)
    if response := post_only(request):
        return response
    copy = services.template_duplicate(template=template, user=request.user)
    messages.success(request, f"Copied to “{copy.name}”.")
    return redirect("workouts:template_detail", template_id=copy.pk)


@login_required
def template_archive(request: HttpRequest, template_id) -> HttpResponse:
    template = get_template_for_user(request.user, template_id)
    if response := post_only(request):
        return response
    services.template_archive(template=template)
    messages.success(request, f"“{template.name}” archived. It is hidden from your list.")
    return redirect("workouts:template_list")


@login_required
def template_unarchive(request: HttpRequest, template_id) -> HttpResponse:
    template = get_template_for_user(request.user, template_id)
    if response := post_only(request):
        return response
    services.template_unarchive(template=template)
    messages.success(request, f"“{template.name}” is back in your templates.")
    return redirect("workouts:template_detail", template_id=template.pk)


@login_required
def template_delete(request: HttpRequest, template_id) -> HttpResponse:
    template = get_template_for_user(request.user, template_id)
    if request.method == "POST":
        name = template.name
        services.template_delete(template=template)
        messages.success(request, f"Template “{name}” deleted. Workouts you logged with it stay.")
        return redirect("workouts:template_list")
    return render(
        request,
        "workouts/template_confirm_delete.html",
        {"template": template, "session_count": selectors.template_session_count(template)},
    )


@login_required
def template_exercise_add(request: HttpRequest, template_id) -> HttpResponse:
    template = get_template_for_user(request.user, template_id)
    if response := post_only(request):
        return response
    form = TemplateExerciseAddForm(request.POST, user=request.user)
    if not form.is_valid():
        return _after_item_change(request, template, add_form=form)
    services.template_exercise_add(
        template=template,
        target_weight_unit=request.user.preferred_unit,
        **form.cleaned_data,
    )
    return _after_item_change(request, template)


@login_required
def template_exercise_update(request: HttpRequest, template_id, item_id) -> HttpResponse:
    item = get_template_item_for_user(request.user, template_id, item_id)
    if response := post_only(request):
        return response
    form = TargetsForm(request.POST)
    if not form.is_valid():
        return _after_item_change(request, item.template, bound=(item.pk, request.POST, form))
    services.template_exercise_update(
        item=item, target_weight_unit=request.user.preferred_unit, **form.cleaned_data
    )
    return _after_item_change(request, item.template)


@login_required
def template_exercise_move(request: HttpRequest, template_id, item_id) -> HttpResponse:
    item = get_template_item_for_user(request.user, template_id, item_id)
    if response := post_only(request):
        return response
    direction = request.POST.get("direction")
    if direction in (services.UP, services.DOWN):
        services.template_exercise_move(item=item, direction=direction)
    return _after_item_change(request, item.template)


@login_required
def template_exercise_superset(request: HttpRequest, template_id, item_id) -> HttpResponse:
    """ "Superset with next" (join=1) or "Remove from superset" (join=0)."""
    item = get_template_item_for_user(request.user, template_id, item_id)
    if response := post_only(request):
        return response
    services.template_exercise_superset(item=item, join=request.POST.get("join") == "1")
    return _after_item_change(request, item.template)


@login_required
def template_exercise_delete(request: HttpRequest, template_id, item_id) -> HttpResponse:
    item = get_template_item_for_user(request.user, template_id, item_id)
    if response := post_only(request):
        return response
    template: WorkoutTemplate = item.template
    services.template_exercise_delete(item=item)
    return _after_item_change(request, template)
