"""Rate limits and their headers, on dedicated servers with small limits.

The limits are per hour, so that a test cannot straddle the reset of a fixed window.

X-Forwarded-For values below are documentation addresses (RFC 5737) in a header only;
every request goes to 127.0.0.1.
"""

from cairn_e2e.api import Api, expect_data, expect_error, login, new_registration, register

RATE_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
WINDOW_SECONDS = 3600


def expect_rate_headers(response, limit, remaining):
    for header in RATE_HEADERS:
        assert header in response.headers, f"{header} missing: {dict(response.headers)}"
    assert response.headers["RateLimit-Limit"].split(",")[0].split(";")[0].strip() == str(limit)
    assert response.headers["RateLimit-Remaining"].strip() == str(remaining)
    reset = response.headers["RateLimit-Reset"].strip()
    assert reset.isdigit(), f"RateLimit-Reset is not a number of seconds: {reset!r}"
    assert int(reset) <= WINDOW_SECONDS, f"RateLimit-Reset exceeds the one-hour window: {reset!r}"


def expect_rate_limited(response, window_seconds=WINDOW_SECONDS):
    expect_error(response, 429, "RATE_LIMITED")
    retry_after = response.headers.get("Retry-After", "")
    assert retry_after.isdigit(), f"Retry-After is not delay-seconds: {retry_after!r}"
    assert 0 < int(retry_after) <= window_seconds, retry_after


def test_auth_limit_per_address(server_factory):
    server = server_factory({"CAIRN_RATE_LIMIT_AUTH": "3/hour"})

    for attempt in range(3):
        response = login(server, f"unknown-{attempt}@example.test", "wrong-password-1")
        expect_error(response, 401, "INVALID_CREDENTIALS")
        expect_rate_headers(response, 3, 2 - attempt)

    limited = login(server, "unknown-3@example.test", "wrong-password-1")

    expect_rate_limited(limited)
    expect_rate_headers(limited, 3, 0)
    expect_rate_limited(Api(server).post("/api/v1/auth/register", new_registration()))
    expect_rate_limited(Api(server).post("/api/v1/auth/password/forgot", {"email": "a@example.test"}))
    expect_rate_limited(Api(server).post("/api/v1/auth/token/refresh", {"refresh_token": "x.y.z"}))
    expect_rate_limited(Api(server).post("/api/v1/auth/password/reset", {"token": "x", "password": "long-pass-1"}))


def test_forwarded_for_ignored_untrusted(server_factory):
    server = server_factory({"CAIRN_RATE_LIMIT_AUTH": "2/hour"})
    for attempt in range(2):
        headers = {"X-Forwarded-For": f"192.0.2.{attempt + 1}"}
        expect_error(login(server, f"u{attempt}@example.test", "wrong-pass-1", headers), 401, "INVALID_CREDENTIALS")

    response = login(server, "u9@example.test", "wrong-pass-1", {"X-Forwarded-For": "192.0.2.99"})

    expect_rate_limited(response)


def test_register_counts_as_auth_only(server_factory):
    server = server_factory({"CAIRN_RATE_LIMIT_AUTH": "3/hour", "CAIRN_RATE_LIMIT_ANON": "1/hour"})

    for _ in range(3):
        expect_data(Api(server).post("/api/v1/auth/register", new_registration()), 201)

    expect_rate_limited(Api(server).post("/api/v1/auth/register", new_registration()))


def test_auth_limit_per_account(server_factory):
    """Logins for one account from different client addresses share the account's limit.

    The registration may or may not count against the account, so the test allows the
    limit to start at the third or the fourth login.
    """
    server = server_factory({"CAIRN_RATE_LIMIT_AUTH": "3/hour", "CAIRN_TRUSTED_PROXIES": "127.0.0.1"})
    account = register(server)
    for attempt in range(2):
        headers = {"X-Forwarded-For": f"198.51.100.{attempt + 1}"}
        expect_data(login(server, account.email, account.password, headers))

    later = [
        login(server, account.email, account.password, {"X-Forwarded-For": f"198.51.100.{attempt + 10}"})
        for attempt in range(2)
    ]

    assert later[-1].status_code == 429, [response.status_code for response in later]
    expect_rate_limited(later[-1])
    assert later[-1].headers.get("RateLimit-Remaining") == "0", dict(later[-1].headers)
    other = login(server, "someone-else@example.test", "wrong-pass-1", {"X-Forwarded-For": "198.51.100.51"})
    expect_error(other, 401, "INVALID_CREDENTIALS")


def test_trusted_proxy_separates_clients(server_factory):
    server = server_factory({"CAIRN_RATE_LIMIT_AUTH": "2/hour", "CAIRN_TRUSTED_PROXIES": "127.0.0.1"})

    for client in range(4):
        headers = {"X-Forwarded-For": f"203.0.113.{client + 1}"}
        response = login(server, f"client{client}@example.test", "wrong-pass-1", headers)
        expect_error(response, 401, "INVALID_CREDENTIALS")


def test_user_limit(server_factory):
    server = server_factory({"CAIRN_RATE_LIMIT_USER": "3/hour"})
    account = register(server)
    account.login()
    other = register(server)
    other.login()

    for attempt in range(3):
        response = account.api.get("/api/v1/auth/me")
        expect_data(response)
        expect_rate_headers(response, 3, 2 - attempt)

    limited = account.api.get("/api/v1/auth/me")

    expect_rate_limited(limited)
    expect_data(other.api.get("/api/v1/auth/me"))


def test_anonymous_limit(server_factory):
    server = server_factory({"CAIRN_RATE_LIMIT_ANON": "2/hour"})
    anonymous = Api(server)

    for _ in range(2):
        expect_error(anonymous.post("/api/v1/auth/verify-email", {"token": "unknown-token"}), 400, "VALIDATION_ERROR")

    expect_rate_limited(anonymous.post("/api/v1/auth/verify-email", {"token": "unknown-token"}))


def test_no_limit_when_off(cairn):
    for attempt in range(15):
        response = login(cairn, f"offlimit-{attempt}@example.test", "wrong-pass-1")
        expect_error(response, 401, "INVALID_CREDENTIALS")
