"""The request log on stdout: JSON lines with the agreed fields and no secrets."""

import time

from cairn_e2e.api import Api, expect_data, expect_success, poll_until, refresh, register

REQUEST_FIELDS = {"time", "request_id", "method", "route", "status", "duration_ms", "user_id"}
LOG_FLUSH_SECONDS = 5


def records_with_request_id(server, request_id):
    return [record for record in server.log_records() if record.get("request_id") == request_id]


def wait_for_record(server, request_id):
    found: list[dict] = []

    def logged() -> bool:
        found[:] = records_with_request_id(server, request_id)
        return bool(found)

    assert poll_until(logged, LOG_FLUSH_SECONDS), f"no log line with request_id {request_id}"
    return found[-1]


def test_every_line_is_json(cairn, api):
    api.get("/health")
    time.sleep(0.5)

    lines = [line for line in cairn.stdout_lines() if line.strip()]

    assert lines, "the server wrote nothing to stdout"
    not_json = [line for line in lines if not line.lstrip().startswith("{")]
    assert not_json == [], f"stdout lines that are not JSON objects: {not_json[:5]}"
    assert len(cairn.log_records()) == len(lines), "some stdout lines are not valid JSON"


def test_request_line_fields(cairn, make_user):
    account = make_user()
    request_id = "log-fields-" + account.id[:8]

    account.api.get(f"/api/v1/users/{account.id}", headers={"X-Request-ID": request_id})

    record = wait_for_record(cairn, request_id)
    assert REQUEST_FIELDS <= set(record), f"missing log fields: {REQUEST_FIELDS - set(record)}"
    assert record["method"] == "GET"
    assert account.id not in record["route"], f"route is not a template: {record['route']}"
    assert record["route"].startswith("/api/v1/users/"), record["route"]
    assert isinstance(record["status"], int)
    assert isinstance(record["duration_ms"], (int, float))
    assert record["duration_ms"] >= 0
    assert record["user_id"] == account.id


def test_anonymous_request_line(cairn, api):
    api.get("/api/v1/auth/me", headers={"X-Request-ID": "log-anonymous-1"})

    record = wait_for_record(cairn, "log-anonymous-1")

    assert record["status"] == 401
    assert record["user_id"] in (None, "")
    assert record["route"] == "/api/v1/auth/me"


def test_no_secrets_in_log(cairn):
    account = register(cairn)
    account.login()
    new_password = account.password + "-logged?"
    expect_success(account.api.post(
        "/api/v1/auth/password/change", {"current_password": account.password, "new_password": new_password}
    ))
    account.password = new_password
    account.login()
    expect_data(refresh(cairn, account.refresh_token))
    Api(cairn).post("/api/v1/auth/login", {"email": account.email, "password": "wrong-" + new_password})
    Api(cairn).get("/api/v1/auth/me", headers={"Authorization": f"Bearer {account.access_token}"})
    time.sleep(1)

    output = "\n".join(cairn.stdout_lines())
    with cairn.secrets_lock:
        secrets = sorted(cairn.secrets)

    assert len(secrets) > 5
    leaked = [secret[:12] + "…" for secret in secrets if secret in output]
    assert leaked == [], f"{len(leaked)} passwords or tokens appear in the server's stdout: {leaked}"


def test_no_body_in_log(cairn):
    # The marker goes only into a profile body, because the mail outbox may log the
    # verification mail, which can contain the names given at registration.
    marker = "LogBodyMarker" + str(int(time.time() * 1000))
    account = register(cairn)
    account.login()
    account.api.patch("/api/v1/users/profile", {"bio": marker})
    time.sleep(1)

    output = "\n".join(cairn.stdout_lines())

    assert marker not in output, "a request body value appears in the server's stdout"
