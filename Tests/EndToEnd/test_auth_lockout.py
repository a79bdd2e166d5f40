"""Account lockout after failed logins, and logins that reveal nothing about an account.

The shared server uses the default threshold: five failures in a row lock the address for
15 minutes, and the attempts after the fifth get 423 for known and unknown addresses alike.
"""

from cairn_e2e.api import expect_data, expect_error, expect_success, login, register

DEFAULT_THRESHOLD = 5
DEFAULT_LOCK_SECONDS = 15 * 60


def fail_logins(cairn, email, count):
    for attempt in range(1, count + 1):
        response = login(cairn, email, f"wrong-password-{attempt}")
        expect_error(response, 401, "INVALID_CREDENTIALS")


def expect_locked(response, max_seconds):
    expect_error(response, 423, "ACCOUNT_LOCKED")
    retry_after = response.headers.get("Retry-After")
    assert retry_after is not None, f"423 without Retry-After: {dict(response.headers)}"
    assert retry_after.isdigit(), f"Retry-After is not delay-seconds: {retry_after!r}"
    assert 0 < int(retry_after) <= max_seconds, retry_after


def test_lockout_after_threshold(cairn):
    account = register(cairn)
    fail_logins(cairn, account.email, DEFAULT_THRESHOLD)

    response = login(cairn, account.email, account.password)

    expect_locked(response, DEFAULT_LOCK_SECONDS)
    expect_locked(login(cairn, account.email, "wrong-again"), DEFAULT_LOCK_SECONDS)


def test_lockout_any_email_case(cairn):
    account = register(cairn)
    fail_logins(cairn, account.email.upper(), DEFAULT_THRESHOLD)

    expect_locked(login(cairn, account.email, account.password), DEFAULT_LOCK_SECONDS)


def test_lockout_unknown_email(cairn):
    email = "nobody-locked@example.test"
    fail_logins(cairn, email, DEFAULT_THRESHOLD)

    response = login(cairn, email, "any-password-1")

    expect_locked(response, DEFAULT_LOCK_SECONDS)


def test_lockout_same_for_known_unknown(cairn):
    account = register(cairn)
    unknown_email = f"ghost-{account.username}@example.test"
    fail_logins(cairn, account.email, DEFAULT_THRESHOLD)
    fail_logins(cairn, unknown_email, DEFAULT_THRESHOLD)

    known = login(cairn, account.email, "wrong-password-x")
    unknown = login(cairn, unknown_email, "wrong-password-x")

    assert known.status_code == unknown.status_code == 423
    assert known.json() == unknown.json()


def test_success_resets_failure_count(cairn):
    account = register(cairn)
    fail_logins(cairn, account.email, DEFAULT_THRESHOLD - 1)
    expect_data(login(cairn, account.email, account.password))

    fail_logins(cairn, account.email, DEFAULT_THRESHOLD - 1)

    expect_data(login(cairn, account.email, account.password))


def test_lockout_spares_other_accounts(cairn):
    locked = register(cairn)
    other = register(cairn)
    fail_logins(cairn, locked.email, DEFAULT_THRESHOLD)

    expect_data(login(cairn, other.email, other.password))


def test_lockout_custom_settings(server_factory):
    server = server_factory({"CAIRN_LOCKOUT_THRESHOLD": "2", "CAIRN_LOCKOUT_MINUTES": "1"})
    account = register(server)
    fail_logins(server, account.email, 2)

    response = login(server, account.email, account.password)

    expect_locked(response, 60)


def test_login_failures_look_alike(cairn, admin):
    wrong_password = register(cairn)
    deactivated = register(cairn)
    expect_success(admin.api.post(f"/api/v1/auth/users/{deactivated.id}/deactivate"), 200)

    answers = {
        "unknown email": login(cairn, f"unknown-{wrong_password.username}@example.test", "some-password-1"),
        "wrong password": login(cairn, wrong_password.email, wrong_password.password + "x"),
        "deactivated": login(cairn, deactivated.email, deactivated.password),
    }

    for case, response in answers.items():
        expect_error(response, 401, "INVALID_CREDENTIALS")
    bodies = {case: response.json() for case, response in answers.items()}
    assert bodies["unknown email"] == bodies["wrong password"], bodies
    assert bodies["deactivated"] == bodies["wrong password"], bodies
    headers = {
        case: sorted({name.lower() for name in response.headers} - {"x-request-id", "date"})
        for case, response in answers.items()
    }
    assert headers["unknown email"] == headers["wrong password"], headers
    assert headers["deactivated"] == headers["wrong password"], headers
