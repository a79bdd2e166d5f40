"""Write the output of Django's `manage.py dumpdata auth.user` for a few known users.

Usage: python -m cairn_e2e.django_dump OUTPUT.json (needs `pip install django bcrypt`).

The users cover the password hashers that `cairn import-users` must accept (pbkdf2_sha256,
bcrypt_sha256, bcrypt), a superuser, an inactive user and an unusable password. Their
plain passwords are in DJANGO_USERS so the tests can log in with them.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

# username -> (email, password or None for an unusable one, hasher, is_active, is_superuser)
DJANGO_USERS = {
    "dj_pbkdf2": ("dj.pbkdf2@example.test", "pbkdf2-Secret-1", "pbkdf2_sha256", True, False),
    "dj_bcrypt_sha256": ("dj.bcryptsha@example.test", "bcryptsha-Secret-2", "bcrypt_sha256", True, False),
    "dj_bcrypt": ("dj.bcrypt@example.test", "bcrypt-Secret-3", "bcrypt", True, False),
    "dj_admin": ("dj.admin@example.test", "admin-Secret-4", "pbkdf2_sha256", True, True),
    "dj_inactive": ("dj.inactive@example.test", "inactive-Secret-5", "pbkdf2_sha256", False, False),
    "dj_unusable": ("dj.unusable@example.test", None, "pbkdf2_sha256", True, False),
}

DATE_JOINED = datetime(2019, 3, 4, 5, 6, 7, 89000, tzinfo=timezone.utc)
DATE_JOINED_TEXT = "2019-03-04T05:06:07.089Z"

HASHERS = {
    "pbkdf2_sha256": "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "bcrypt_sha256": "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "bcrypt": "django.contrib.auth.hashers.BCryptPasswordHasher",
}


def write_dump(output: Path) -> None:
    import django
    from django.conf import settings

    work_dir = Path(tempfile.mkdtemp(prefix="django-dump-"))
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(work_dir / "db.sqlite3")}},
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
        PASSWORD_HASHERS=list(HASHERS.values()),
        USE_TZ=True,
    )
    django.setup()

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for username, (email, password, hasher, is_active, is_superuser) in DJANGO_USERS.items():
        User.objects.create(
            username=username,
            email=email,
            password=make_password(password, hasher=hasher),
            first_name="Imported",
            last_name=username.replace("dj_", "").title(),
            is_active=is_active,
            is_superuser=is_superuser,
            is_staff=is_superuser,
            date_joined=DATE_JOINED,
        )
    with open(output, "w", encoding="utf-8") as stream:
        call_command("dumpdata", "auth.user", indent=2, stdout=stream)


if __name__ == "__main__":
    write_dump(Path(sys.argv[1]))
