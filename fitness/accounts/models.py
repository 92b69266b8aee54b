import functools
import secrets
import uuid
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone as dj_timezone

from fitness.dbrules import CurrentTimestamp, GenRandomUUID


class WeightUnit(models.TextChoices):
    KG = "kg", "kg"
    LB = "lb", "lb"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


@functools.cache
def timezone_names() -> frozenset[str]:
    """IANA zone names (scanning the tz database is slow: done once per process)."""
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def timezone_choices() -> tuple[tuple[str, str], ...]:
    return tuple((name, name.replace("_", " ")) for name in sorted(timezone_names()))


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    email = models.EmailField(max_length=254, unique=True)
    display_name = models.CharField(max_length=100)
    invited_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitees",
        db_index=False,  # indexed below under the schema's name
    )
    timezone = models.CharField(max_length=64, default="UTC", db_default="UTC")
    preferred_unit = models.CharField(
        max_length=2, choices=WeightUnit.choices, default=WeightUnit.KG
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=dj_timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        db_table = "users"
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_email_ci_unique"),
        ]
        indexes = [models.Index(fields=["invited_by"], name="idx_users_invited_by")]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name

    def get_full_name(self) -> str:
        return self.display_name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def local_today(self) -> date:
        """Today's date in the member's own time zone."""
        return self.local_date(dj_timezone.now())

    def local_date(self, moment: datetime) -> date:
        """The date of an instant in the member's own time zone."""
        return moment.astimezone(self.tzinfo).date()

    def local_midnight(self, day: date) -> datetime:
        """The aware instant at which `day` starts in the member's own time zone."""
        return datetime.combine(day, time.min, tzinfo=self.tzinfo)


def _invite_token() -> str:
    return secrets.token_urlsafe(24)


def _invite_expiry():
    return dj_timezone.now() + timedelta(days=settings.INVITE_TTL_DAYS)


class Invite(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        USED = "used", "Used"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    inviter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invites_sent")
    email = models.EmailField(blank=True)
    token = models.CharField(max_length=64, unique=True, default=_invite_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_default=CurrentTimestamp())
    expires_at = models.DateTimeField(default=_invite_expiry)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "invites"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invite from {self.inviter} ({self.email or 'any email'})"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.used_at:
            return self.Status.USED
        if self.expires_at <= dj_timezone.now():
            return self.Status.EXPIRED
        return self.Status.OPEN
