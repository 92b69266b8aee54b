from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from fitness.http import post_only, read_only
from fitness.workouts.models import WorkoutTemplate
from sharing.access import get_shared_template_for_user
from sharing.selectors import shared_template_items, shared_templates_for
from sharing.services import shared_template_copy

PAGE_SIZE = 20


@login_required
@require_safe
def shared_list(request: HttpRequest) -> HttpResponse:
    shared = shared_templates_for(request.user)
    friends = shared.friends
    selected = next((f for f in friends if f.id == request.GET.get("friend")), None)
    page = shared.page(
        friend_id=selected.id if selected else "",
        number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "sharing/list.html",
        {
            "friends": friends,
            "selected_friend": selected,
            "page_obj": page,
            "total": len(shared.template_rows),
        },
    )


@login_required
def shared_detail(request: HttpRequest, template_id: UUID) -> HttpResponse:
    template = get_shared_template_for_user(request.user, template_id)
    if response := read_only(request):
        return response
    items = shared_template_items(template=template, unit=request.user.preferred_unit)
    return render(request, "sharing/detail.html", {"template": template, "items": items})


@login_required
def shared_copy(request: HttpRequest, template_id: UUID) -> HttpResponse:
    template = get_shared_template_for_user(request.user, template_id)
    if response := post_only(request):
        return response
    try:
        copy = shared_template_copy(template_id=template.pk, user=request.user)
    except WorkoutTemplate.DoesNotExist:  # unshared since the lookup above
        raise Http404("No shared template here.") from None
    messages.success(request, f"“{copy.name}” is now one of your templates.")
    return redirect("workouts:template_detail", template_id=copy.pk)
