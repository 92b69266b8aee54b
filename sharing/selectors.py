"""Reads for sharing: my friends' shared templates (schema doc: "Shared templates")."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Left

from fitness.accounts.models import User
from fitness.accounts.selectors import friends_q
from fitness.formatting import format_rest, stored_weight
from fitness.workouts.models import WorkoutTemplate, WorkoutTemplateExercise
from sharing.cache import cache_get, cache_set, shared_templates_key

# The cached value: plain tuples (fast to pickle, no class to unpickle), one list per kind.
# Bump CACHE_FORMAT when a row's shape changes: entries of another format are ignored.
CACHE_FORMAT = 1
DESCRIPTION_CHARS = 200  # the list shows a snippet; the detail page reads the full text


@dataclass(frozen=True)
class SharedTemplate:
    id: str
    name: str
    description: str
    updated_at: datetime
    owner_id: str
    owner_name: str
    exercise_count: int


@dataclass(frozen=True)
class Friend:
    id: str
    name: str


@dataclass(frozen=True)
class SharedTemplates:
    """My friends and their shared templates, as cached (rows of plain values)."""

    friend_rows: list[tuple]
    template_rows: list[tuple]

    @property
    def friends(self) -> list[Friend]:
        return [Friend(*row) for row in self.friend_rows]

    @property
    def templates(self) -> list[SharedTemplate]:
        return [SharedTemplate(*row) for row in self.template_rows]

    def page(self, *, friend_id: str = "", number=None, per_page: int = 30) -> Page:
        """One page of the list (of one friend's templates if friend_id), as SharedTemplates.

        Only the rows shown become objects: a hit on a 1,000-template list stays cheap.
        """
        rows = self.template_rows
        if friend_id:
            rows = [row for row in rows if row[4] == friend_id]
        page = Paginator(rows, per_page).get_page(number)
        page.object_list = [SharedTemplate(*row) for row in page.object_list]
        return page


def friend_ids_subquery(user_id) -> QuerySet[User]:
    """The schema doc's `friends` CTE: my inviter and my invitees (active accounts only)."""
    return User.objects.filter(friends_q(user_id), is_active=True).values("id")


def shared_templates_queryset(user_id) -> QuerySet[WorkoutTemplate]:
    """Templates a member may see in Sharing: a friend's, `friends` visibility, not archived."""
    return WorkoutTemplate.objects.filter(
        user_id__in=friend_ids_subquery(user_id),
        visibility=WorkoutTemplate.Visibility.FRIENDS,
        is_archived=False,
    )


def _exercise_count() -> Coalesce:
    """The schema doc's correlated `SELECT COUNT(*) ... WHERE wte.template_id = wt.id`."""
    counts = (
        WorkoutTemplateExercise.objects.filter(template=OuterRef("pk"))
        .order_by()
        .values("template")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def _shared_templates_from_db(user_id) -> dict:
    """Two queries: the friends (for the filter) and the templates (one query, counts included)."""
    friends = [
        (str(pk), name)
        for pk, name in User.objects.filter(friends_q(user_id), is_active=True)
        .distinct()
        .order_by("display_name", "id")
        .values_list("id", "display_name")
    ]
    rows = (
        shared_templates_queryset(user_id)
        .annotate(
            short_description=Left("description", DESCRIPTION_CHARS),
            owner_name=F("user__display_name"),
            exercise_count=_exercise_count(),
        )
        .order_by("-updated_at", "name", "id")
        .values_list(
            "id",
            "name",
            "short_description",
            "updated_at",
            "user_id",
            "owner_name",
            "exercise_count",
        )
    )
    # Ids as str: they are compared with the ?friend= parameter and put in URLs.
    templates = [
        (str(pk), name, description, updated_at, str(owner_id), owner_name, count)
        for pk, name, description, updated_at, owner_id, owner_name, count in rows
    ]
    return {"format": CACHE_FORMAT, "friends": friends, "templates": templates}


def shared_templates_for(user: User) -> SharedTemplates:
    """My friends' shared templates, newest update first; cached 5 minutes per member.

    A cache hit runs no query. When the cache is down the list comes from the database.
    """
    key = shared_templates_key(user.pk)
    ok, data = cache_get(key)
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        data = _shared_templates_from_db(user.pk)
        if ok:
            cache_set(key, data)
    return SharedTemplates(friend_rows=data["friends"], template_rows=data["templates"])


@dataclass(frozen=True)
class SharedTemplateItem:
    """One exercise line of a shared template, its weight as text in the viewer's unit."""

    position: int
    exercise_name: str
    target_sets: int
    target_reps: int | None
    target_weight: str  # "132 lb", "" when the template sets none
    weight_unit: str
    rest_seconds: int | None
    notes: str

    @property
    def rest_display(self) -> str:
        return format_rest(self.rest_seconds)


def shared_template_get(*, template_id, user: User) -> WorkoutTemplate:
    """A friend's shared template with its owner; raises WorkoutTemplate.DoesNotExist otherwise
    (private, archived, mine, a stranger's or a friend of a friend's)."""
    return shared_templates_queryset(user.pk).select_related("user").get(pk=template_id)


def shared_template_items(*, template: WorkoutTemplate, unit: str) -> list[SharedTemplateItem]:
    """The template's exercises in order (one query), target weights converted to `unit`."""
    items = WorkoutTemplateExercise.objects.filter(template=template).select_related("exercise")
    return [
        SharedTemplateItem(
            position=position,
            exercise_name=item.exercise.name,
            target_sets=item.target_sets,
            target_reps=item.target_reps,
            target_weight=stored_weight(item.target_weight, item.target_weight_unit, unit),
            weight_unit=unit,
            rest_seconds=item.rest_seconds,
            notes=item.notes,
        )
        for position, item in enumerate(items.order_by("order_index", "id"), start=1)
    ]
