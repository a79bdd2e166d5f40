"""Refresh-token rotation, reuse detection and concurrent refreshes."""

import threading

from cairn_e2e.api import Api, expect_data, expect_error, login, refresh, register


def test_refresh_returns_new_tokens(cairn):
    account = register(cairn)
    account.login()

    data = expect_data(refresh(cairn, account.refresh_token))

    assert isinstance(data["access_token"], str)
    assert data["access_token"] != ""
    assert isinstance(data["refresh_token"], str)
    assert data["refresh_token"] != ""
    assert data["refresh_token"] != account.refresh_token
    assert data["access_token"] != account.access_token
    assert data["expires_in"] == 3600
    me = expect_data(Api(cairn, data["access_token"]).get("/api/v1/auth/me"))
    assert me["id"] == account.id


def test_refresh_rotation_revokes_old(cairn):
    account = register(cairn)
    account.login()
    expect_data(refresh(cairn, account.refresh_token))

    response = refresh(cairn, account.refresh_token)

    expect_error(response, 401, "INVALID_TOKEN")


def test_refresh_reuse_revokes_family(cairn):
    account = register(cairn)
    account.login()
    other_login = expect_data(login(cairn, account.email, account.password))
    second = expect_data(refresh(cairn, account.refresh_token))
    third = expect_data(refresh(cairn, second["refresh_token"]))

    reuse = refresh(cairn, account.refresh_token)

    expect_error(reuse, 401, "INVALID_TOKEN")
    expect_error(refresh(cairn, third["refresh_token"]), 401, "INVALID_TOKEN")
    expect_error(refresh(cairn, second["refresh_token"]), 401, "INVALID_TOKEN")
    # A separate login is a separate family and survives.
    expect_data(refresh(cairn, other_login["refresh_token"]))


def test_refresh_reuse_of_middle_token(cairn):
    account = register(cairn)
    account.login()
    second = expect_data(refresh(cairn, account.refresh_token))
    third = expect_data(refresh(cairn, second["refresh_token"]))

    expect_error(refresh(cairn, second["refresh_token"]), 401, "INVALID_TOKEN")

    expect_error(refresh(cairn, third["refresh_token"]), 401, "INVALID_TOKEN")


def test_concurrent_refresh_one_wins(cairn):
    account = register(cairn)
    account.login()
    thread_count = 10
    barrier = threading.Barrier(thread_count)
    statuses: list[int] = []
    bodies: list[str] = []
    lock = threading.Lock()

    def refresh_once() -> None:
        barrier.wait(timeout=10)
        response = refresh(cairn, account.refresh_token)
        with lock:
            statuses.append(response.status_code)
            bodies.append(response.text)

    threads = [threading.Thread(target=refresh_once) for _ in range(thread_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(statuses) == thread_count, f"only {len(statuses)} of {thread_count} refreshes returned"
    assert statuses.count(200) == 1, f"statuses: {sorted(statuses)}; bodies: {bodies}"
    assert statuses.count(401) == thread_count - 1, f"statuses: {sorted(statuses)}; bodies: {bodies}"


def test_refresh_with_access_token(cairn):
    account = register(cairn)
    account.login()

    response = refresh(cairn, account.access_token)

    expect_error(response, 401, "INVALID_TOKEN")
    expect_data(refresh(cairn, account.refresh_token))


def test_refresh_with_garbage(cairn):
    for garbage in ("garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30."):
        expect_error(refresh(cairn, garbage), 401, "INVALID_TOKEN")


def test_refresh_without_field(api):
    expect_error(api.post("/api/v1/auth/token/refresh", {}), 400, "VALIDATION_ERROR", "refresh_token")


def test_refresh_token_wrong_type(api):
    response = api.post("/api/v1/auth/token/refresh", {"refresh_token": 12345})

    expect_error(response, 400, "VALIDATION_ERROR", "refresh_token")


def test_refresh_keeps_identity(cairn):
    account = register(cairn)
    account.login()
    data = expect_data(refresh(cairn, account.refresh_token))

    me = expect_data(Api(cairn, data["access_token"]).get("/api/v1/auth/me"))

    assert me["id"] == account.id
    assert me["email"] == account.email
