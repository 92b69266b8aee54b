import factory
from factory.django import DjangoModelFactory

from fitness.accounts.models import Invite, User

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    timezone = "UTC"
    preferred_unit = "kg"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class InviteFactory(DjangoModelFactory):
    class Meta:
        model = Invite

    inviter = factory.SubFactory(UserFactory)
