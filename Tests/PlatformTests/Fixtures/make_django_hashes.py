"""Print django-hashes.json: password hashes made by Django's own hashers.

Run in a virtualenv with Django and bcrypt installed:

    python3 -m venv /tmp/djv && /tmp/djv/bin/pip install django bcrypt
    /tmp/djv/bin/python make_django_hashes.py > django-hashes.json

Each run uses new random salts, so the hash strings change but stay valid.
"""
import json
import sys

import bcrypt
import django
from django.conf import settings

settings.configure(PASSWORD_HASHERS=[
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.BCryptPasswordHasher",
])
django.setup()

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password  # noqa: E402


class LowIterations(PBKDF2PasswordHasher):
    """PBKDF2PasswordHasher with 10,000 iterations, like hashes from old Django releases."""

    iterations = 10000


cases = []


def add(name, password, hasher, label):
    encoded = make_password(password, hasher=hasher)
    assert check_password(password, encoded)
    cases.append({"name": name, "hasher": label, "password": password, "encoded": encoded})


add("pbkdf2_sha256 default iterations", "correct horse battery staple", "pbkdf2_sha256",
    "PBKDF2PasswordHasher (1,000,000 iterations)")
add("pbkdf2_sha256 10000 iterations", "pässwörd 日本語", LowIterations(),
    "PBKDF2PasswordHasher subclass with iterations = 10000")
add("bcrypt_sha256", "correct horse battery staple", "bcrypt_sha256", "BCryptSHA256PasswordHasher (12 rounds)")
add("bcrypt_sha256 non-ASCII", "pässwörd 日本語", "bcrypt_sha256", "BCryptSHA256PasswordHasher (12 rounds)")
add("bcrypt", "correct horse battery staple", "bcrypt", "BCryptPasswordHasher (12 rounds)")
# 72 bytes is bcrypt's maximum input, and bcrypt 5 raises an error for longer passwords.
add("bcrypt 72-byte password", "x" * 72, "bcrypt", "BCryptPasswordHasher (12 rounds)")

print(json.dumps({
    "generator": f"Django {django.get_version()} make_password with bcrypt {bcrypt.__version__}, "
                 f"Python {sys.version.split()[0]}",
    "cases": cases,
}, indent=2, ensure_ascii=False))
