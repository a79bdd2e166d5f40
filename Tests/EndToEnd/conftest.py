"""Fixtures that start Cairn servers for the end-to-end tests.

Every test runs once per storage backend: `sqlite` (files under the data directory) and
`postgres` (skipped unless CAIRN_TEST_DATABASE_URL names a PostgreSQL server, such as
postgres://postgres@127.0.0.1:5432/postgres). The binary is $CAIRN_BINARY, by default
<repository>/.build/release/cairn.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from cairn_e2e.api import Account, Api, register_and_login
from cairn_e2e.mail import Outbox
from cairn_e2e.server import CairnServer
from cairn_e2e.storage import find_psql, storage_from_name

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cairn_binary() -> Path:
    binary = Path(os.environ.get("CAIRN_BINARY", REPOSITORY_ROOT / ".build" / "release" / "cairn"))
    if not binary.is_file():
        pytest.skip(
            f"the cairn binary {binary} does not exist: run `swift build -c release` in {REPOSITORY_ROOT} "
            "or set CAIRN_BINARY"
        )
    return binary


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def storage(request):
    if request.param == "postgres":
        if not os.environ.get("CAIRN_TEST_DATABASE_URL"):
            pytest.skip(
                "postgres storage is skipped: set CAIRN_TEST_DATABASE_URL to a PostgreSQL server URL "
                "such as postgres://postgres@127.0.0.1:5432/postgres"
            )
        try:
            find_psql()
        except FileNotFoundError as error:
            pytest.skip(str(error))
    return storage_from_name(request.param)


@pytest.fixture(scope="session")
def jwt_secret() -> str:
    # At least 64 bytes, so that PyJWT does not warn about a short key for the forged HS512 tokens.
    return "e2e-" + secrets.token_urlsafe(64)


@pytest.fixture(scope="session")
def admin_credentials() -> dict[str, str]:
    suffix = secrets.token_hex(4)
    return {
        "email": f"admin-{suffix}@example.test",
        "username": f"admin_{suffix}",
        "password": f"admin-pw-{secrets.token_hex(8)}",
    }


@pytest.fixture(scope="session")
def cairn(cairn_binary, storage, jwt_secret, admin_credentials, tmp_path_factory) -> CairnServer:
    """The server most tests share, with a known JWT secret and an admin made by `create-admin`."""
    data_dir = tmp_path_factory.mktemp(f"shared-{storage.name}") / "data"
    server = CairnServer(cairn_binary, storage, data_dir, {"CAIRN_JWT_SECRET": jwt_secret})
    server.remember_secret(admin_credentials["password"])
    try:
        result = server.create_admin(
            admin_credentials["email"], admin_credentials["username"], admin_credentials["password"]
        )
        assert result.returncode == 0, (
            f"cairn create-admin exited with {result.returncode}: {result.stdout} {result.stderr}"
        )
        server.start()
        yield server
    finally:
        server.discard()


@pytest.fixture(autouse=True)
def shared_server_survives(request):
    """Fail a test that made the shared server exit, and restart it for the tests that follow."""
    yield
    if "cairn" not in request.fixturenames:
        return
    server: CairnServer = request.getfixturevalue("cairn")
    if server.process is not None and not server.is_running():
        exit_code = server.process.returncode
        output = server.describe_output()
        server.start()
        pytest.fail(f"the shared cairn server exited with code {exit_code} during this test.\n{output}")


@pytest.fixture
def server_factory(cairn_binary, storage, tmp_path):
    """Return a function that starts a dedicated server with extra settings.

    Every server it started is stopped and its databases dropped after the test.
    """
    servers: list[CairnServer] = []

    def start(settings: dict[str, str] | None = None, start_now: bool = True) -> CairnServer:
        data_dir = tmp_path / f"server{len(servers)}" / "data"
        server = CairnServer(cairn_binary, storage, data_dir, settings)
        servers.append(server)
        if start_now:
            server.start()
        return server

    yield start
    for server in servers:
        server.discard()


@pytest.fixture
def api(cairn) -> Api:
    """An anonymous client for the shared server."""
    return Api(cairn)


@pytest.fixture
def make_user(cairn):
    """Return a function that registers and logs in a new account on the shared server."""

    def make(**overrides: str) -> Account:
        return register_and_login(cairn, **overrides)

    return make


@pytest.fixture(scope="session")
def admin(cairn, admin_credentials) -> Account:
    """The admin made by `cairn create-admin`, logged in."""
    account = Account(
        server=cairn,
        email=admin_credentials["email"],
        username=admin_credentials["username"],
        password=admin_credentials["password"],
    )
    data = account.login()
    account.id = data["user"]["id"]
    return account


@pytest.fixture
def outbox(cairn) -> Outbox:
    return Outbox(cairn.mail_dir)


@pytest.fixture(scope="session")
def django_dump(tmp_path_factory) -> Path:
    """A `dumpdata auth.user` file: made now by Django when it is importable, else the committed one.

    fixtures/django_users.json was written by `python -m cairn_e2e.django_dump` with Django 5.2.19
    and bcrypt 5.0.0.
    """
    try:
        import django  # noqa: F401
        import bcrypt  # noqa: F401
    except ImportError:
        return Path(__file__).parent / "fixtures" / "django_users.json"
    output = tmp_path_factory.mktemp("django") / "users.json"
    result = subprocess.run(
        [sys.executable, "-m", "cairn_e2e.django_dump", str(output)],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"django_dump failed: {result.stderr}"
    return output

