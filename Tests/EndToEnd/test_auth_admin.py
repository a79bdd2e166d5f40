"""Admin endpoints: roles and deactivation, and the admin made by `cairn create-admin`."""

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from cairn_e2e.api import (
    Api,
    expect_data,
    expect_error,
    expect_not_found,
    expect_success,
    login,
    poll_until,
    refresh,
    register,
    role_names,
)
from cairn_e2e.tokens import decode_unverified

# How long an access token issued before the admin role was removed may keep acting as admin.
# The contract bounds other revocations at 5 seconds, and the tests allow one more.
REVOCATION_POLL_SECONDS = 6


def roles_of(admin, user_id):
    return role_names(expect_data(admin.api.get(f"/api/v1/auth/users/{user_id}/roles")))


def test_created_admin_has_admin_role(admin):
    me = expect_data(admin.api.get("/api/v1/auth/me"))

    assert "admin" in me["roles"]
    assert "admin" in decode_unverified(admin.access_token)["roles"]


def test_get_roles_of_new_user(admin, cairn):
    account = register(cairn)

    assert "admin" not in roles_of(admin, account.id)


def test_grant_and_revoke_role(admin, cairn):
    account = register(cairn)

    granted = admin.api.post(f"/api/v1/auth/users/{account.id}/roles", {"role": "auditor"})

    expect_success(granted, 201)
    assert "auditor" in roles_of(admin, account.id)
    account.login()
    assert "auditor" in expect_data(account.api.get("/api/v1/auth/me"))["roles"]
    assert "auditor" in decode_unverified(account.access_token)["roles"]

    revoked = admin.api.delete(f"/api/v1/auth/users/{account.id}/roles/auditor")

    assert revoked.status_code == 204, revoked.text
    assert revoked.content == b""
    assert "auditor" not in roles_of(admin, account.id)
    account.login()
    assert "auditor" not in expect_data(account.api.get("/api/v1/auth/me"))["roles"]


def test_grant_role_with_expiry(admin, cairn):
    account = register(cairn)
    expires_at = (datetime.now(timezone.utc) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    response = admin.api.post(
        f"/api/v1/auth/users/{account.id}/roles", {"role": "contractor", "expires_at": expires_at}
    )

    expect_success(response, 201)
    assert "contractor" in roles_of(admin, account.id)


def test_granted_admin_role_works(admin, cairn):
    account = register(cairn)
    expect_success(admin.api.post(f"/api/v1/auth/users/{account.id}/roles", {"role": "admin"}), 201)
    account.login()
    other = register(cairn)

    response = account.api.get(f"/api/v1/auth/users/{other.id}/roles")

    expect_data(response)


@pytest.mark.parametrize("body", [{}, {"role": ""}, {"role": 5}, {"role": ["admin"]}, {"role": None}])
def test_grant_invalid_role(admin, cairn, body):
    account = register(cairn)
    before = roles_of(admin, account.id)

    response = admin.api.post(f"/api/v1/auth/users/{account.id}/roles", body)

    expect_error(response, 400, "VALIDATION_ERROR", "role")
    assert roles_of(admin, account.id) == before


def test_grant_invalid_expiry(admin, cairn):
    account = register(cairn)

    for expires_at in ("next week", 1767225600, "2026-13-45T99:00:00Z"):
        response = admin.api.post(
            f"/api/v1/auth/users/{account.id}/roles", {"role": "temp", "expires_at": expires_at}
        )
        expect_error(response, 400, "VALIDATION_ERROR", "expires_at")

    assert "temp" not in roles_of(admin, account.id)


def test_roles_of_unknown_user(admin):
    missing = uuid.uuid4()

    expect_not_found(admin.api.get(f"/api/v1/auth/users/{missing}/roles"))
    expect_not_found(admin.api.post(f"/api/v1/auth/users/{missing}/roles", {"role": "x"}))
    expect_not_found(admin.api.post(f"/api/v1/auth/users/{missing}/deactivate"))


def test_non_admin_gets_403(make_user, cairn):
    caller = make_user()
    target = register(cairn)
    paths = [
        ("GET", f"/api/v1/auth/users/{target.id}/roles", None),
        ("POST", f"/api/v1/auth/users/{target.id}/roles", {"role": "admin"}),
        ("POST", f"/api/v1/auth/users/{caller.id}/roles", {"role": "admin"}),
        ("DELETE", f"/api/v1/auth/users/{target.id}/roles/member", None),
        ("POST", f"/api/v1/auth/users/{target.id}/deactivate", None),
    ]

    for method, path, body in paths:
        options = {} if body is None else {"json_body": body}
        response = caller.api.request(method, path, **options)
        expect_error(response, 403, "AUTHORIZATION_FAILED")

    caller.login()
    assert "admin" not in expect_data(caller.api.get("/api/v1/auth/me"))["roles"]
    expect_data(login(cairn, target.email, target.password))


def test_admin_endpoints_need_token(api, cairn):
    target = register(cairn)

    expect_error(api.get(f"/api/v1/auth/users/{target.id}/roles"), 401, "AUTHENTICATION_FAILED")
    expect_error(api.post(f"/api/v1/auth/users/{target.id}/deactivate"), 401, "AUTHENTICATION_FAILED")


def test_deactivate_blocks_login_refresh(admin, cairn):
    account = register(cairn)
    account.login()

    response = admin.api.post(f"/api/v1/auth/users/{account.id}/deactivate")

    expect_success(response, 200)
    expect_error(login(cairn, account.email, account.password), 401, "INVALID_CREDENTIALS")
    expect_error(refresh(cairn, account.refresh_token), 401, "INVALID_TOKEN")


def test_deactivated_user_is_inactive(admin, cairn):
    account = register(cairn)
    expect_success(admin.api.post(f"/api/v1/auth/users/{account.id}/deactivate"), 200)

    roles_response = admin.api.get(f"/api/v1/auth/users/{account.id}/roles")

    expect_data(roles_response)
    expect_error(
        Api(cairn).post("/api/v1/auth/register", {
            "email": account.email, "username": account.username + "x", "password": "another-pass-1",
        }),
        400,
        "VALIDATION_ERROR",
        "email",
    )


def test_revoked_admin_token_loses_power(admin, cairn):
    """A token issued while the user was admin must stop working as admin soon after the role goes."""
    account = register(cairn)
    expect_success(admin.api.post(f"/api/v1/auth/users/{account.id}/roles", {"role": "admin"}), 201)
    account.login()
    target = register(cairn)
    expect_data(account.api.get(f"/api/v1/auth/users/{target.id}/roles"))

    revoked = admin.api.delete(f"/api/v1/auth/users/{account.id}/roles/admin")

    assert revoked.status_code == 204, revoked.text
    lost = poll_until(
        lambda: account.api.get(f"/api/v1/auth/users/{target.id}/roles").status_code in (401, 403),
        REVOCATION_POLL_SECONDS,
    )
    assert lost, f"a token issued before the admin role was removed still works as admin after {REVOCATION_POLL_SECONDS} s"
