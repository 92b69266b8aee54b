"""Forms validate and clean input into domain values; services do the writing."""

from decimal import Decimal

from django import forms
from django.utils.html import format_html

from fitness.workouts.models import RPE_VALUES, Exercise, SetType, WorkoutTemplate
from fitness.workouts.selectors import KIND_CARDIO, KIND_TIMED, KIND_WEIGHT, exercises_visible_to

NUMERIC = {"inputmode": "numeric", "pattern": "[0-9]*"}
DECIMAL = {"inputmode": "decimal"}


def _decimal(label: str, *, max_value: str, places: int = 2, required: bool = False, **kw):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(max_value),
        decimal_places=places,
        widget=forms.NumberInput(attrs={**DECIMAL, "step": "any", "min": "0"}),
        error_messages={
            "min_value": f"{label} cannot be negative.",
            "max_value": f"{label} must be at most {max_value}.",
            "invalid": f"{label} must be a number.",
            "max_decimal_places": f"{label} takes at most {places} decimals.",
        },
        **kw,
    )


def _integer(label: str, *, min_value: int, max_value: int, required: bool = False, **kw):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=max_value,
        widget=forms.NumberInput(attrs={**NUMERIC, "min": str(min_value)}),
        error_messages={
            "min_value": f"{label} must be at least {min_value}.",
            "max_value": f"{label} must be at most {max_value}.",
            "invalid": f"{label} must be a whole number.",
            "required": f"{label} is required.",
        },
        **kw,
    )


class ExerciseFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    category = forms.ChoiceField(
        label="Category",
        required=False,
        choices=[("", "All categories"), *Exercise.Category.choices],
    )
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *Exercise.Type.choices]
    )
    equipment = forms.ChoiceField(
        label="Equipment",
        required=False,
        choices=[("", "Any"), *Exercise.Equipment.choices],
    )
    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "All exercises"), ("mine", "My exercises"), ("archived", "Incl. archived")],
    )


class ExerciseForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    category = forms.ChoiceField(label="Category", choices=Exercise.Category.choices)
    type = forms.ChoiceField(
        label="Type",
        choices=Exercise.Type.choices,
        help_text="Strength and bodyweight log weight × reps; timed logs seconds; cardio "
        "logs distance and time.",
    )
    equipment = forms.ChoiceField(
        label="Equipment",
        required=False,
        choices=[("", "Not stated"), *Exercise.Equipment.choices],
        help_text="Imports use it: “Bench Press (Dumbbell)” finds a dumbbell exercise.",
    )
    primary_muscle = forms.CharField(label="Primary muscle", max_length=50, required=False)
    instructions = forms.CharField(label="Instructions", required=False, widget=forms.Textarea)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the exercise a name.")
        return name


class ExerciseMergeForm(forms.Form):
    """Which exercise to merge into. The id is checked by the view (another member's: 404)."""

    into = forms.UUIDField(
        label="Merge into",
        error_messages={"required": "Choose an exercise.", "invalid": "Choose an exercise."},
    )


class TemplateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=[
            (WorkoutTemplate.Visibility.PRIVATE, "Private — only me"),
            (WorkoutTemplate.Visibility.FRIENDS, "Friends — share it read-only"),
        ],
        initial=WorkoutTemplate.Visibility.PRIVATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, friend_names: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if friend_names:
            who = ", ".join(friend_names[:5]) + (" and others" if len(friend_names) > 5 else "")
        else:
            who = "the people you invite (and whoever invited you)"
        # Display names are member input: format_html escapes them, whatever renders the text.
        self.fields["visibility"].help_text = format_html(
            "With “Friends”, {} can see this template and copy it; nobody else ever sees it.",
            who,
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the template a name.")
        return name


class TargetsForm(forms.Form):
    """Targets of one exercise in a template; the weight is typed in the member's unit."""

    target_sets = _integer("Sets", min_value=1, max_value=50, required=True, initial=3)
    target_reps = _integer("Reps", min_value=0, max_value=1000)
    target_weight = _decimal("Weight", max_value="9999.99")
    rest_seconds = _integer("Rest (s)", min_value=0, max_value=3600)
    notes = forms.CharField(label="Notes", required=False, max_length=500)


class TemplateExerciseAddForm(TargetsForm):
    exercise = forms.ModelChoiceField(
        label="Exercise",
        queryset=Exercise.objects.none(),
        empty_label="Choose an exercise…",
        error_messages={
            "required": "Choose an exercise.",
            "invalid_choice": "Choose an exercise from the list.",
        },
    )
    field_order = ["exercise"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = exercises_visible_to(user).filter(is_archived=False)


class SessionStartForm(forms.Form):
    template = forms.ModelChoiceField(
        label="Template",
        queryset=WorkoutTemplate.objects.none(),
        required=False,
        error_messages={"invalid_choice": "That template is not one of yours."},
    )
    name = forms.CharField(label="Name", max_length=100, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Archived templates can still be started from their own page.
        self.fields["template"].queryset = WorkoutTemplate.objects.filter(user=user)


class SessionForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SessionExerciseAddForm(forms.Form):
    exercise = forms.ModelChoiceField(
        label="Exercise",
        queryset=Exercise.objects.none(),
        error_messages={
            "required": "Choose an exercise to add.",
            "invalid_choice": "Choose an exercise from the list.",
        },
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = exercises_visible_to(user).filter(is_archived=False)


RPE_MESSAGE = "RPE goes from 1 to 10 in steps of 0.5."
RPE_SUGGESTIONS = [f"{v:g}" for v in RPE_VALUES]  # the page's <datalist>: "1", "1.5", ..., "10"


class RpeField(forms.DecimalField):
    """RPE typed in a number input (step 0.5): one of RPE_VALUES, or empty."""

    def __init__(self):
        super().__init__(label="RPE", required=False, error_messages={"invalid": RPE_MESSAGE})

    def validate(self, value):
        super().validate(value)
        if value is not None and value not in RPE_VALUES:
            raise forms.ValidationError(RPE_MESSAGE, code="invalid_choice")


class SetForm(forms.Form):
    """One set. Weight in the member's unit; cardio distance in km and time in minutes."""

    weight = _decimal("Weight", max_value="9999.99")
    reps = _integer("Reps", min_value=0, max_value=1000)
    rpe = RpeField()
    set_type = forms.ChoiceField(label="Set type", choices=SetType.choices, required=False)
    # Pages rendered before set types (cached offline) still send the warm-up checkbox.
    is_warmup = forms.BooleanField(label="Warm-up", required=False)
    notes = forms.CharField(label="Notes", required=False, max_length=500)
    distance_km = _decimal("Distance (km)", max_value="1000", places=3)
    duration = _decimal("Time", max_value="86400", places=2)

    def __init__(self, *args, kind: str = KIND_WEIGHT, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        duration = data.get("duration")
        if not data.get("set_type"):
            data["set_type"] = SetType.WARMUP if data.get("is_warmup") else SetType.NORMAL
        if self.kind == KIND_WEIGHT:
            if data.get("reps") is None and data.get("weight") is None:
                raise forms.ValidationError("Enter the weight and reps of the set.")
            data["duration_s"] = None
            data["distance_m"] = None
        elif self.kind == KIND_TIMED:
            if duration is None:
                self.add_error("duration", "Enter how many seconds the set lasted.")
            data["duration_s"] = None if duration is None else int(duration)
            data["distance_m"] = None
        elif self.kind == KIND_CARDIO:
            distance = data.get("distance_km")
            if distance is None and duration is None:
                raise forms.ValidationError("Enter the distance or the time.")
            data["duration_s"] = None if duration is None else int(duration * 60)
            data["distance_m"] = None if distance is None else distance * 1000
        return data


class RestForm(forms.Form):
    """The rest the member set on the session page's timer for one exercise."""

    rest_seconds = _integer("Rest (s)", min_value=0, max_value=3600, required=True)


def first_errors(form: forms.Form) -> list[str]:
    """Form errors as short sentences for a compact row (labels are in the messages)."""
    return [error for errors in form.errors.values() for error in errors]
