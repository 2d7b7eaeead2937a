import datetime

import factory
from django.contrib.auth import get_user_model

from coordination.models import MemberUnit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("pw-for-tests")


class MemberUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberUnit

    order = factory.Sequence(lambda n: 100 + n)
    short_name = factory.Sequence(lambda n: f"测试单位{n}")
    full_name = factory.LazyAttribute(lambda u: f"宝鸡市陈仓区{u.short_name}")
    kind = MemberUnit.Kind.GOVERNMENT


DEMO_START = datetime.date(2026, 1, 5)
