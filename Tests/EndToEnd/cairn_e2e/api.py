"""HTTP client for the Cairn API and assertions on its JSON envelope."""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import requests

from .server import CairnServer

REQUEST_TIMEOUT_SECONDS = 10

UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TIMESTAMP_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

# Text that must never reach a client: stack traces, SQL, source paths, driver names.
LEAK_MARKERS = (
    ".swift",
    "Fatal error",
    "Traceback",
    "SELECT ",
    "INSERT INTO",
    "UPDATE ",
    "sqlite",
    "SQLITE",
    "libpq",
    "postgres",
    "/work/",
    "/tmp/",
    "/home/",
)

# Verification and reset tokens are left out: without SMTP the server may log the mail that
# carries them.
SECRET_REQUEST_FIELDS = ("password", "current_password", "new_password", "refresh_token")
SECRET_RESPONSE_FIELDS = ("access_token", "refresh_token")

_UNSET: Any = object()


class Api:
    """A client for one Cairn server, optionally sending `Authorization: Bearer <token>`.

    Every request has a timeout. Passwords and tokens that pass through are recorded in
    `server.secrets` for the log tests.
    """

    def __init__(self, server: CairnServer, token: str | None = None):
        self.server = server
        self.token = token

    def with_token(self, token: str | None) -> "Api":
        return Api(self.server, token)

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = _UNSET,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        token: Any = _UNSET,
        timeout: float = REQUEST_TIMEOUT_SECONDS,
    ) -> requests.Response:
        # Closing each connection keeps idle keep-alive connections of the test client from
        # delaying a graceful shutdown. test_shutdown checks that case on purpose.
        all_headers = {"Connection": "close"}
        bearer = self.token if token is _UNSET else token
        if bearer is not None:
            all_headers["Authorization"] = f"Bearer {bearer}"
        data = body
        if json_body is not _UNSET:
            data = json.dumps(json_body).encode("utf-8")
            self.record_request_secrets(json_body)
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        response = requests.request(
            method, self.server.url + path, data=data, headers=all_headers, params=params, timeout=timeout
        )
        self.record_response_secrets(response)
        return response

    def get(self, path: str, **options) -> requests.Response:
        return self.request("GET", path, **options)

    def post(self, path: str, json_body: Any = _UNSET, **options) -> requests.Response:
        return self.request("POST", path, json_body=json_body, **options)

    def put(self, path: str, json_body: Any = _UNSET, **options) -> requests.Response:
        return self.request("PUT", path, json_body=json_body, **options)

    def patch(self, path: str, json_body: Any = _UNSET, **options) -> requests.Response:
        return self.request("PATCH", path, json_body=json_body, **options)

    def delete(self, path: str, **options) -> requests.Response:
        return self.request("DELETE", path, **options)

    def record_request_secrets(self, json_body: Any) -> None:
        if isinstance(json_body, dict):
            for name in SECRET_REQUEST_FIELDS:
                value = json_body.get(name)
                if isinstance(value, str) and len(value) >= 8:
                    self.server.remember_secret(value)

    def record_response_secrets(self, response: requests.Response) -> None:
        if "application/json" not in response.headers.get("Content-Type", ""):
            return
        try:
            data = response.json().get("data")
        except (ValueError, AttributeError):
            return
        if isinstance(data, dict):
            for name in SECRET_RESPONSE_FIELDS:
                value = data.get(name)
                if isinstance(value, str):
                    self.server.remember_secret(value)


def parse_json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise AssertionError(
            f"{response.request.method} {response.url} returned {response.status_code} with a body that "
            f"is not JSON: {response.text[:500]!r}"
        ) from None


def describe(response: requests.Response) -> str:
    return f"{response.request.method} {response.url} -> {response.status_code}: {response.text[:1000]}"


def expect_success(response: requests.Response, status: int = 200) -> Any:
    """Assert a success envelope with `status` and return the whole parsed body."""
    assert response.status_code == status, describe(response)
    assert response.headers.get("Content-Type", "").startswith("application/json"), describe(response)
    assert response.headers.get("X-Request-ID"), f"no X-Request-ID header: {describe(response)}"
    body = parse_json(response)
    assert isinstance(body, dict), describe(response)
    assert body.get("success") is True, describe(response)
    assert "data" in body, describe(response)
    return body


def expect_data(response: requests.Response, status: int = 200) -> Any:
    """Assert a success envelope with `status` and return its `data`."""
    return expect_success(response, status)["data"]


def expect_error(
    response: requests.Response, status: int, code: str, field_name: str | None = None
) -> dict:
    """Assert a failure envelope with `status`, `code` and, if given, `field_name` in details. Return `error`.

    `NOT_FOUND` also accepts the specific codes the contract allows for a 404, such as `USER_NOT_FOUND`.
    """
    assert response.status_code == status, describe(response)
    assert response.headers.get("Content-Type", "").startswith("application/json"), describe(response)
    assert response.headers.get("X-Request-ID"), f"no X-Request-ID header: {describe(response)}"
    body = parse_json(response)
    assert isinstance(body, dict), describe(response)
    assert body.get("success") is False, describe(response)
    error = body.get("error")
    assert isinstance(error, dict), describe(response)
    actual_code = error.get("code")
    if code == "NOT_FOUND" and isinstance(actual_code, str) and actual_code.endswith("_NOT_FOUND"):
        actual_code = "NOT_FOUND"
    assert actual_code == code, describe(response)
    assert isinstance(error.get("message"), str), describe(response)
    if field_name is not None:
        details = error.get("details")
        assert isinstance(details, dict), f"no details object: {describe(response)}"
        assert field_name in details, f"{field_name!r} missing from details: {describe(response)}"
        messages = details[field_name]
        assert isinstance(messages, list), f"details[{field_name!r}] is not a list: {describe(response)}"
        assert messages, f"details[{field_name!r}] is empty: {describe(response)}"
        assert all(isinstance(message, str) for message in messages), describe(response)
    expect_no_leak(response)
    return error


def expect_not_found(response: requests.Response) -> dict:
    """Assert a 404 failure envelope with `NOT_FOUND` or a specific code such as `USER_NOT_FOUND`."""
    return expect_error(response, 404, "NOT_FOUND")


def expect_client_error(response: requests.Response) -> dict:
    """Assert any 4xx response with a failure envelope and return `error`."""
    assert 400 <= response.status_code < 500, describe(response)
    body = parse_json(response)
    assert isinstance(body, dict), describe(response)
    assert body.get("success") is False, describe(response)
    error = body.get("error")
    assert isinstance(error, dict), describe(response)
    assert isinstance(error.get("code"), str), describe(response)
    expect_no_leak(response)
    return error


def expect_no_leak(response: requests.Response) -> None:
    for marker in LEAK_MARKERS:
        assert marker not in response.text, f"response contains internal text {marker!r}: {describe(response)}"


def poll_until(condition: Callable[[], bool], timeout: float, interval: float = 0.2) -> bool:
    """Call `condition` until it returns True or `timeout` seconds pass, and return its last result."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


# Accounts


def unique_suffix() -> str:
    return secrets.token_hex(5)


@dataclass
class Account:
    """A registered user, the credentials the test registered it with, and its tokens after login."""

    server: CairnServer
    email: str
    username: str
    password: str
    first_name: str = ""
    last_name: str = ""
    id: str = ""
    access_token: str = ""
    refresh_token: str = ""
    registered_user: dict = field(default_factory=dict)

    @property
    def api(self) -> Api:
        return Api(self.server, self.access_token)

    def login(self) -> dict:
        """Log in with the stored password, keep the new tokens and return the login `data`."""
        data = expect_data(login(self.server, self.email, self.password))
        self.access_token = data["access_token"]
        self.refresh_token = data["refresh_token"]
        return data


def new_registration(**overrides: str) -> dict:
    """Return a register body with unique email and username and a random password."""
    suffix = unique_suffix()
    body = {
        "email": f"user-{suffix}@example.test",
        "username": f"user_{suffix}",
        "password": f"pw-{secrets.token_hex(8)}",
        "first_name": "Ada",
        "last_name": f"Tester{suffix}",
    }
    body.update(overrides)
    return body


def register(server: CairnServer, **overrides: str) -> Account:
    """Register a new account and assert 201. It does not log in."""
    body = new_registration(**overrides)
    data = expect_data(Api(server).post("/api/v1/auth/register", body), 201)
    user = data["user"]
    return Account(
        server=server,
        email=body["email"],
        username=body["username"],
        password=body["password"],
        first_name=body.get("first_name", ""),
        last_name=body.get("last_name", ""),
        id=user["id"],
        registered_user=user,
    )


def register_and_login(server: CairnServer, **overrides: str) -> Account:
    account = register(server, **overrides)
    account.login()
    return account


def login(server: CairnServer, email: str, password: str, headers: dict | None = None) -> requests.Response:
    return Api(server).post("/api/v1/auth/login", {"email": email, "password": password}, headers=headers)


def refresh(server: CairnServer, refresh_token: str) -> requests.Response:
    return Api(server).post("/api/v1/auth/token/refresh", {"refresh_token": refresh_token})


def role_names(roles_data: Any) -> set[str]:
    """Return the role names from a roles response: a list of names, of `{role: …}` objects, or `{roles: …}`."""
    if isinstance(roles_data, dict) and "roles" in roles_data:
        roles_data = roles_data["roles"]
    names = set()
    for entry in roles_data:
        if isinstance(entry, str):
            names.add(entry)
        elif isinstance(entry, dict):
            names.add(entry.get("role") or entry.get("name"))
    return names


def access_token_rejected_within(account_api: Api, token: str, timeout: float) -> dict[str, int]:
    """Poll `/auth/me` and `/users/profile` with `token` until both return 401, and return the last statuses."""
    paths = ("/api/v1/auth/me", "/api/v1/users/profile")
    statuses = {path: 0 for path in paths}

    def both_rejected() -> bool:
        for path in paths:
            statuses[path] = account_api.get(path, token=token).status_code
        return all(status == 401 for status in statuses.values())

    poll_until(both_rejected, timeout, interval=0.25)
    return statuses
