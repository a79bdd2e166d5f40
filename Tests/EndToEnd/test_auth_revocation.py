"""Password change and reset, logout-all and deactivation revoke the user's tokens.

Refresh tokens must fail at once. Access tokens issued before must fail within 5 seconds,
so the tests poll for up to REVOCATION_POLL_SECONDS. Tokens issued afterwards must keep working.
"""

import time

from cairn_e2e.api import (
    Api,
    access_token_rejected_within,
    expect_data,
    expect_error,
    expect_success,
    login,
    refresh,
    register,
)
from cairn_e2e.mail import Outbox

REVOCATION_POLL_SECONDS = 6


def login_twice(cairn, account):
    """Log in twice, so that two refresh-token families and two access tokens exist."""
    first = expect_data(login(cairn, account.email, account.password))
    second = expect_data(login(cairn, account.email, account.password))
    return first, second


def expect_revoked(cairn, logins):
    for tokens in logins:
        expect_error(refresh(cairn, tokens["refresh_token"]), 401, "INVALID_TOKEN")
    for tokens in logins:
        statuses = access_token_rejected_within(Api(cairn), tokens["access_token"], REVOCATION_POLL_SECONDS)
        assert statuses == {"/api/v1/auth/me": 401, "/api/v1/users/profile": 401}, (
            f"an access token issued before the revocation still works after {REVOCATION_POLL_SECONDS} s: "
            f"{statuses}"
        )


def expect_token_keeps_working(cairn, access_token, seconds=REVOCATION_POLL_SECONDS):
    """Check that a token issued after the revocation works now and `seconds` later."""
    client = Api(cairn, access_token)
    expect_data(client.get("/api/v1/auth/me"))
    time.sleep(seconds)
    expect_data(client.get("/api/v1/auth/me"))
    expect_data(client.get("/api/v1/users/profile"))


def test_password_change_revokes_tokens(cairn):
    account = register(cairn)
    first, second = login_twice(cairn, account)
    new_password = account.password + "-changed"

    response = Api(cairn, first["access_token"]).post(
        "/api/v1/auth/password/change",
        {"current_password": account.password, "new_password": new_password},
    )

    expect_success(response, 200)
    fresh = expect_data(login(cairn, account.email, new_password))
    expect_revoked(cairn, [first, second])
    expect_token_keeps_working(cairn, fresh["access_token"])
    expect_data(refresh(cairn, fresh["refresh_token"]))


def test_password_reset_revokes_tokens(cairn, api):
    account = register(cairn)
    first, second = login_twice(cairn, account)
    outbox = Outbox(cairn.mail_dir)
    mails_before = len(outbox.messages(account.email))
    expect_success(api.post("/api/v1/auth/password/forgot", {"email": account.email}), 202)
    token = outbox.wait_for_new(account.email, mails_before).token()
    new_password = account.password + "-reset"

    response = api.post("/api/v1/auth/password/reset", {"token": token, "password": new_password})

    expect_success(response, 200)
    fresh = expect_data(login(cairn, account.email, new_password))
    expect_revoked(cairn, [first, second])
    expect_token_keeps_working(cairn, fresh["access_token"])


def test_logout_all_revokes_tokens(cairn):
    account = register(cairn)
    first, second = login_twice(cairn, account)

    response = Api(cairn, first["access_token"]).post("/api/v1/auth/logout-all")

    expect_success(response, 200)
    fresh = expect_data(login(cairn, account.email, account.password))
    expect_revoked(cairn, [first, second])
    expect_token_keeps_working(cairn, fresh["access_token"])


def test_logout_all_requires_authentication(api):
    expect_error(api.post("/api/v1/auth/logout-all"), 401, "AUTHENTICATION_FAILED")


def test_deactivation_revokes_tokens(cairn, admin):
    account = register(cairn)
    first, second = login_twice(cairn, account)

    response = admin.api.post(f"/api/v1/auth/users/{account.id}/deactivate")

    expect_success(response, 200)
    expect_revoked(cairn, [first, second])
    expect_error(login(cairn, account.email, account.password), 401, "INVALID_CREDENTIALS")


def test_other_users_tokens_survive(cairn):
    changer = register(cairn)
    changer.login()
    bystander = register(cairn)
    bystander.login()

    expect_success(changer.api.post("/api/v1/auth/logout-all"), 200)

    expect_token_keeps_working(cairn, bystander.access_token, seconds=1)
    expect_data(refresh(cairn, bystander.refresh_token))
