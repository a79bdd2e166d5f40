"""Malformed, hostile and oversized request bodies.

Every case must return a 4xx failure envelope and change nothing, which each test checks
by reading the state back: a registration that failed leaves no account behind, and a
profile update that failed leaves the profile as it was.
"""

import json
import unicodedata
import uuid

import pytest

from cairn_e2e.api import (
    Api,
    expect_client_error,
    expect_data,
    expect_error,
    login,
    new_registration,
    register_and_login,
)
from cairn_e2e.rawhttp import send_chunked, send_with_length

MEGABYTE = 1024 * 1024
OVERSIZED_BODY_BYTES = 16 * MEGABYTE
DEEP_NESTING = 10_000


def registration_bytes(body: dict) -> bytes:
    return json.dumps(body).encode("utf-8")


def expect_not_registered(cairn, body):
    """Check that no account was created for the registration `body`."""
    response = login(cairn, body["email"], body["password"])
    expect_error(response, 401, "INVALID_CREDENTIALS")


def register_raw(cairn, raw: bytes, content_type: str = "application/json"):
    return Api(cairn).request(
        "POST", "/api/v1/auth/register", body=raw, headers={"Content-Type": content_type}
    )


# Bodies that are not a JSON object. Each builder gets a valid registration.
MALFORMED_BODIES = {
    "truncated": lambda body: registration_bytes(body)[:-1],
    "cut mid-string": lambda body: registration_bytes(body)[:20],
    "missing comma": lambda body: registration_bytes(body).replace(b", ", b" ", 1),
    "trailing brace": lambda body: registration_bytes(body) + b"}",
    "two documents": lambda body: registration_bytes(body) + b" " + registration_bytes(body),
    "single quotes": lambda body: registration_bytes(body).replace(b'"', b"'"),
    "comment": lambda body: b"/* c */" + registration_bytes(body),
    "trailing comma": lambda body: registration_bytes(body)[:-1] + b",}",
    "NaN value": lambda body: registration_bytes(body)[:-1] + b', "first_name": NaN}',
    "empty body": lambda body: b"",
    "whitespace only": lambda body: b"  \n ",
    "array of object": lambda body: b"[" + registration_bytes(body) + b"]",
    "empty array": lambda body: b"[]",
    "string": lambda body: json.dumps(json.dumps(body)).encode(),
    "number": lambda body: b"42",
    "null": lambda body: b"null",
    "true": lambda body: b"true",
}


@pytest.mark.parametrize("case", sorted(MALFORMED_BODIES))
def test_register_malformed_body(cairn, case):
    body = new_registration()

    response = register_raw(cairn, MALFORMED_BODIES[case](body))

    expect_error(response, 400, "VALIDATION_ERROR")
    expect_not_registered(cairn, body)


# Replacements for the first_name value that are not valid UTF-8 or not valid Unicode.
INVALID_TEXT = {
    "invalid byte ff": b"\xff\xfe",
    "lone continuation byte": b"abc\x80def",
    "overlong slash": b"\xc0\xaf",
    "truncated sequence": b"\xe2\x82",
    "utf-16 surrogate bytes": b"\xed\xa0\x80",
    "escaped lone surrogate": b"\\ud800",
    "raw NUL byte": b"a\x00b",
    "raw control character": b"a\x01b",
}


@pytest.mark.parametrize("case", sorted(INVALID_TEXT))
def test_register_invalid_text(cairn, case):
    body = new_registration(first_name="PLACEHOLDER")
    raw = registration_bytes(body).replace(b"PLACEHOLDER", INVALID_TEXT[case])

    response = register_raw(cairn, raw)

    expect_error(response, 400, "VALIDATION_ERROR")
    expect_not_registered(cairn, body)


WRONG_TYPES = [
    ("email", 5),
    ("email", ["a@example.test"]),
    ("username", 12345),
    ("username", True),
    ("password", 12345678),
    ("password", {"value": "long-enough-1"}),
    ("first_name", 5),
    ("first_name", ["Ada"]),
    ("last_name", {"x": 1}),
    ("email", None),
]


@pytest.mark.parametrize("field_name,value", WRONG_TYPES)
def test_register_wrong_type(cairn, api, field_name, value):
    body = new_registration()
    sent = dict(body, **{field_name: value})

    response = api.post("/api/v1/auth/register", sent)

    expect_error(response, 400, "VALIDATION_ERROR", field_name)
    expect_not_registered(cairn, body)


@pytest.mark.parametrize("field_name", ["username", "email", "first_name", "last_name"])
def test_register_nul_in_field(cairn, api, field_name):
    body = new_registration()
    value = body[field_name]
    sent = dict(body, **{field_name: value[:3] + "\u0000" + value[3:]})

    response = api.post("/api/v1/auth/register", sent)

    expect_client_error(response)
    expect_not_registered(cairn, body)


@pytest.mark.parametrize("field_name", ["first_name", "username", "email", "password"])
def test_register_one_megabyte_string(cairn, api, field_name):
    body = new_registration()
    huge = "a" * MEGABYTE
    sent = dict(body, **{field_name: huge if field_name != "email" else huge + "@example.test"})

    response = api.post("/api/v1/auth/register", sent)

    expect_client_error(response)
    expect_not_registered(cairn, body)


@pytest.mark.parametrize("opening,closing", [("[", "]"), ('{"a":', "}")])
def test_register_deep_nesting(cairn, opening, closing):
    body = new_registration(first_name="PLACEHOLDER")
    nested = (opening * DEEP_NESTING + "1" + closing * DEEP_NESTING).encode()
    raw = registration_bytes(body).replace(b'"PLACEHOLDER"', nested)

    response = register_raw(cairn, raw)

    expect_client_error(response)
    expect_not_registered(cairn, body)
    assert Api(cairn).get("/health").status_code == 200


def test_register_whole_body_deeply_nested(cairn):
    raw = ("[" * DEEP_NESTING + "]" * DEEP_NESTING).encode()

    response = register_raw(cairn, raw)

    expect_error(response, 400, "VALIDATION_ERROR")
    assert Api(cairn).get("/health").status_code == 200


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_register_wrong_content_type(cairn, content_type):
    body = new_registration()

    response = register_raw(cairn, registration_bytes(body), content_type)

    expect_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    expect_not_registered(cairn, body)


def test_register_json_with_charset(cairn):
    body = new_registration()

    response = register_raw(cairn, registration_bytes(body), "application/json; charset=utf-8")

    expect_data(response, 201)


# Emails and usernames that collide after case folding or Unicode normalization.


def test_username_differs_by_case(cairn, api):
    first = new_registration()
    first["username"] = "CaseUser_" + first["username"][5:]
    expect_data(api.post("/api/v1/auth/register", first), 201)
    second = new_registration(username=first["username"].lower())

    response = api.post("/api/v1/auth/register", second)

    expect_error(response, 400, "VALIDATION_ERROR", "username")
    expect_not_registered(cairn, second)


def test_username_differs_by_normalization(cairn, api):
    suffix = new_registration()["username"][5:]
    composed = unicodedata.normalize("NFC", f"jos\u00e9_{suffix}")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    expect_data(api.post("/api/v1/auth/register", new_registration(username=composed)), 201)
    second = new_registration(username=decomposed)

    response = api.post("/api/v1/auth/register", second)

    expect_error(response, 400, "VALIDATION_ERROR", "username")
    expect_not_registered(cairn, second)


def test_username_decomposed_first(cairn, api):
    suffix = new_registration()["username"][5:]
    decomposed = unicodedata.normalize("NFD", f"ren\u00e9e_{suffix}")
    composed = unicodedata.normalize("NFC", decomposed)
    first = api.post("/api/v1/auth/register", new_registration(username=decomposed))
    second_body = new_registration(username=composed)

    second = api.post("/api/v1/auth/register", second_body)

    if first.status_code == 201:
        expect_error(second, 400, "VALIDATION_ERROR", "username")
        expect_not_registered(cairn, second_body)
    else:
        expect_error(first, 400, "VALIDATION_ERROR", "username")
        expect_data(second, 201)


def test_email_differs_by_normalization(cairn, api):
    """Two emails that differ only in normalization must not both get accounts.

    The first registration may be rejected when the server accepts only ASCII emails, but
    then the second must be rejected too.
    """
    suffix = new_registration()["username"][5:]
    composed = unicodedata.normalize("NFC", f"jos\u00e9.{suffix}@example.test")
    decomposed = unicodedata.normalize("NFD", composed)
    first_body = new_registration(email=composed)
    first = api.post("/api/v1/auth/register", first_body)
    second_body = new_registration(email=decomposed)

    second = api.post("/api/v1/auth/register", second_body)

    assert first.status_code in (201, 400), first.text
    expect_error(second, 400, "VALIDATION_ERROR", "email")
    expect_not_registered(cairn, second_body)


def test_email_domain_differs_by_case(cairn, api):
    first = new_registration()
    expect_data(api.post("/api/v1/auth/register", first), 201)
    local, domain = first["email"].split("@")
    second = new_registration(email=f"{local}@{domain.upper()}")

    response = api.post("/api/v1/auth/register", second)

    expect_error(response, 400, "VALIDATION_ERROR", "email")


# Read-only and unknown fields.


def test_register_ignores_read_only_fields(cairn, api):
    chosen_id = str(uuid.uuid4())
    body = new_registration()
    sent = dict(
        body,
        id=chosen_id,
        roles=["admin"],
        email_verified=True,
        is_active=False,
        created_at="2000-01-01T00:00:00.000Z",
        last_login_at="2000-01-01T00:00:00.000Z",
        is_superuser=True,
        favourite_colour="teal",
    )

    user = expect_data(api.post("/api/v1/auth/register", sent), 201)["user"]

    assert user["id"] != chosen_id
    assert "admin" not in user["roles"]
    assert user["email_verified"] is False
    assert user["is_active"] is True
    assert user["created_at"] != "2000-01-01T00:00:00.000Z"
    assert user["last_login_at"] is None
    assert "favourite_colour" not in user
    tokens = expect_data(login(cairn, body["email"], body["password"]))
    assert "admin" not in tokens["user"]["roles"]
    client = Api(cairn, tokens["access_token"])
    expect_error(client.get(f"/api/v1/auth/users/{user['id']}/roles"), 403, "AUTHORIZATION_FAILED")


def test_login_ignores_unknown_fields(cairn):
    account = register_and_login(cairn)

    response = Api(cairn).post(
        "/api/v1/auth/login",
        {"email": account.email, "password": account.password, "roles": ["admin"], "expires_in": 999999},
    )

    data = expect_data(response)
    assert "admin" not in data["user"]["roles"]
    assert data["expires_in"] == 3600


@pytest.mark.parametrize("body", [{"email": 5, "password": "x" * 8}, {"email": "a@example.test", "password": 5}, {}])
def test_login_wrong_types(api, body):
    expect_error(api.post("/api/v1/auth/login", body), 400, "VALIDATION_ERROR")


def test_login_malformed_json(cairn):
    response = Api(cairn).request("POST", "/api/v1/auth/login", body=b'{"email": "a@example.test", "pass')

    expect_error(response, 400, "VALIDATION_ERROR")


# Bodies over the size limit.


def test_body_over_limit(cairn):
    body = new_registration()
    padding = "a" * OVERSIZED_BODY_BYTES
    raw = json.dumps(dict(body, first_name=padding)).encode()

    status, headers, response_body = send_with_length(cairn.url, "POST", "/api/v1/auth/register", raw)

    assert status == 413, response_body[:500]
    envelope = json.loads(response_body)
    assert envelope["success"] is False
    assert envelope["error"]["code"] == "PAYLOAD_TOO_LARGE"
    expect_not_registered(cairn, body)
    assert Api(cairn).get("/health").status_code == 200


def test_chunked_body_over_limit(cairn):
    body = new_registration()
    raw = json.dumps(dict(body, first_name="a" * OVERSIZED_BODY_BYTES)).encode()

    status, headers, response_body = send_chunked(cairn.url, "POST", "/api/v1/auth/register", raw)

    assert status == 413, response_body[:500]
    envelope = json.loads(response_body)
    assert envelope["success"] is False
    assert envelope["error"]["code"] == "PAYLOAD_TOO_LARGE"
    expect_not_registered(cairn, body)


def test_chunked_small_body_accepted(cairn):
    body = new_registration()

    status, _, response_body = send_chunked(cairn.url, "POST", "/api/v1/auth/register", registration_bytes(body))

    assert status == 201, response_body[:500]
    expect_data(login(cairn, body["email"], body["password"]))


def test_content_length_lies_short(cairn):
    body = new_registration()
    raw = registration_bytes(body)

    status, _, response_body = send_with_length(
        cairn.url, "POST", "/api/v1/auth/register", raw, content_length=len(raw) // 2
    )

    assert 400 <= status < 500, response_body[:500]
    expect_not_registered(cairn, body)
