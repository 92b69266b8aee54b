from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.utils import timezone

from fitness.accounts.forms import AdminSignInForm
from fitness.accounts.models import Invite, User

# The admin's login page words the sign-in lockout like the member's sign-in page (the
# lockout itself is in the authentication backend, under both).
admin.site.login_form = AdminSignInForm


class UserAddForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("A member with this email already exists.")
        return email


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserAddForm
    list_display = (
        "email",
        "display_name",
        "invited_by",
        "timezone",
        "preferred_unit",
        "is_active",
        "is_staff",
        "date_joined",
    )
    list_select_related = ("invited_by",)
    list_filter = ("is_staff", "is_active", "preferred_unit", "timezone")
    search_fields = ("email", "display_name")
    ordering = ("email",)
    autocomplete_fields = ("invited_by",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name", "timezone", "preferred_unit", "invited_by")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "usable_password", "password1", "password2"),
            },
        ),
    )


class InviteStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Invite.Status.choices

    def queryset(self, request, queryset: QuerySet[Invite]) -> QuerySet[Invite]:
        now = timezone.now()
        value = self.value()
        if value == Invite.Status.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        if value == Invite.Status.USED:
            return queryset.filter(revoked_at__isnull=True, used_at__isnull=False)
        pending = queryset.filter(revoked_at__isnull=True, used_at__isnull=True)
        if value == Invite.Status.EXPIRED:
            return pending.filter(expires_at__lte=now)
        if value == Invite.Status.OPEN:
            return pending.filter(expires_at__gt=now)
        return queryset


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ("inviter", "email", "status", "created_at", "expires_at", "used_by")
    list_select_related = ("inviter", "used_by")
    list_filter = (InviteStatusFilter, "created_at")
    search_fields = ("email", "inviter__email", "inviter__display_name", "used_by__email")
    raw_id_fields = ("inviter", "used_by")
    readonly_fields = ("token", "created_at")
    date_hierarchy = "created_at"

    @admin.display(description="Status")
    def status(self, obj: Invite) -> str:
        return obj.status
