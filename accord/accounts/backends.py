from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accord.accounts.models import User


class EmailBackend(ModelBackend):
    """Sign in by email address, whatever its case."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or not password:
            return None
        user = User.objects.filter(email=email).first()
        if user is None:
            User().set_password(password)  # same work either way: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
