"""Registration, login, /auth/me and logout."""

import pytest

from cairn_e2e.api import (
    TIMESTAMP_PATTERN,
    UUID_PATTERN,
    Api,
    expect_data,
    expect_error,
    expect_success,
    login,
    new_registration,
    refresh,
    register,
)

USER_FIELDS = {
    "id", "email", "username", "first_name", "last_name", "is_active", "email_verified",
    "last_login_at", "roles", "created_at", "updated_at",
}


def test_register_returns_user(api):
    body = new_registration(first_name="Grace", last_name="Hopper")

    response = api.post("/api/v1/auth/register", body)

    data = expect_data(response, 201)
    user = data["user"]
    assert USER_FIELDS <= set(user), f"missing user fields: {USER_FIELDS - set(user)}"
    assert UUID_PATTERN.match(user["id"]), user["id"]
    assert user["email"] == body["email"]
    assert user["username"] == body["username"]
    assert user["first_name"] == "Grace"
    assert user["last_name"] == "Hopper"
    assert user["is_active"] is True
    assert user["email_verified"] is False
    assert user["last_login_at"] is None
    assert isinstance(user["roles"], list)
    assert "admin" not in user["roles"]
    assert TIMESTAMP_PATTERN.match(user["created_at"]), user["created_at"]
    assert TIMESTAMP_PATTERN.match(user["updated_at"]), user["updated_at"]


def test_register_message_asks_to_verify(api):
    response = api.post("/api/v1/auth/register", new_registration())

    body = expect_success(response, 201)
    assert isinstance(body.get("message"), str), body
    assert "verif" in body["message"].lower(), body["message"]


def test_register_exposes_no_password(api):
    body = new_registration()

    response = api.post("/api/v1/auth/register", body)

    user = expect_data(response, 201)["user"]
    assert not [key for key in user if "password" in key or "hash" in key], user
    assert body["password"] not in response.text


def test_register_optional_names_omitted(api):
    body = new_registration()
    del body["first_name"]
    del body["last_name"]

    user = expect_data(api.post("/api/v1/auth/register", body), 201)["user"]

    assert user["username"] == body["username"]


def test_register_duplicate_email_any_case(cairn, api):
    account = register(cairn)
    local, domain = account.email.split("@")
    shouted = f"{local.upper()}@{domain.upper()}"

    response = api.post("/api/v1/auth/register", new_registration(email=shouted))

    expect_error(response, 400, "VALIDATION_ERROR", "email")


def test_register_duplicate_username(cairn, api):
    account = register(cairn)

    response = api.post("/api/v1/auth/register", new_registration(username=account.username))

    expect_error(response, 400, "VALIDATION_ERROR", "username")


INVALID_REGISTRATIONS = [
    ("email", {"email": "not-an-email"}),
    ("email", {"email": ""}),
    ("email", {"email": "two@@example.test"}),
    ("password", {"password": "seven77"}),
    ("password", {"password": ""}),
    ("username", {"username": "ab"}),
    ("username", {"username": "x" * 101}),
    ("username", {"username": "has space"}),
    ("username", {"username": "at@sign"}),
    ("username", {"username": "slash/name"}),
    ("username", {"username": "semi;colon"}),
    ("username", {"username": ""}),
]


@pytest.mark.parametrize("field_name,override", INVALID_REGISTRATIONS)
def test_register_invalid_field(cairn, api, field_name, override):
    body = new_registration(**override)

    response = api.post("/api/v1/auth/register", body)

    expect_error(response, 400, "VALIDATION_ERROR", field_name)
    if body["email"] and "@" in body["email"] and body["password"]:
        expect_error(login(cairn, body["email"], body["password"]), 401, "INVALID_CREDENTIALS")


@pytest.mark.parametrize("missing", ["email", "username", "password"])
def test_register_missing_field(api, missing):
    body = new_registration()
    del body[missing]

    response = api.post("/api/v1/auth/register", body)

    expect_error(response, 400, "VALIDATION_ERROR", missing)


def test_register_empty_object_names_each_field(api):
    error = expect_error(api.post("/api/v1/auth/register", {}), 400, "VALIDATION_ERROR")

    for field_name in ("email", "username", "password"):
        assert field_name in error.get("details", {}), error


# Each server is fresh, so these fixed names are free. Usernames may contain any letters.
@pytest.mark.parametrize("username", ["abc", "x" * 100, "a.b_c-d", "Zoë_Ångström", "user123"])
def test_register_username_accepted(api, username):
    body = new_registration(username=username)

    response = api.post("/api/v1/auth/register", body)

    user = expect_data(response, 201)["user"]
    assert user["username"] == body["username"]


def test_login_returns_tokens(cairn):
    account = register(cairn)

    data = expect_data(login(cairn, account.email, account.password))

    assert isinstance(data["access_token"], str)
    assert data["access_token"] != ""
    assert isinstance(data["refresh_token"], str)
    assert data["refresh_token"] != ""
    assert data["access_token"] != data["refresh_token"]
    assert data["token_type"] == "Bearer"
    assert data["expires_in"] == 3600
    assert {"id", "email", "username", "roles"} <= set(data["user"]), data["user"]
    assert data["user"]["id"] == account.id
    assert data["user"]["email"] == account.email
    assert data["user"]["username"] == account.username
    assert isinstance(data["user"]["roles"], list)


def test_login_email_case_insensitive(cairn):
    account = register(cairn)

    response = login(cairn, account.email.upper(), account.password)

    assert expect_data(response)["user"]["id"] == account.id


def test_login_wrong_password(cairn):
    account = register(cairn)

    response = login(cairn, account.email, account.password + "x")

    expect_error(response, 401, "INVALID_CREDENTIALS")


def test_login_password_case_matters(cairn):
    account = register(cairn, password="Case-Sensitive-Pass")

    response = login(cairn, account.email, "case-sensitive-pass")

    expect_error(response, 401, "INVALID_CREDENTIALS")


def test_login_sets_last_login_at(cairn):
    account = register(cairn)
    account.login()

    user = expect_data(account.api.get("/api/v1/auth/me"))

    assert user["last_login_at"] is not None
    assert TIMESTAMP_PATTERN.match(user["last_login_at"]), user["last_login_at"]


def test_me_returns_user_as_data(cairn):
    account = register(cairn, first_name="Barbara", last_name="Liskov")
    account.login()

    user = expect_data(account.api.get("/api/v1/auth/me"))

    assert USER_FIELDS <= set(user), f"missing user fields: {USER_FIELDS - set(user)}"
    assert user["id"] == account.id
    assert user["email"] == account.email
    assert user["username"] == account.username
    assert user["first_name"] == "Barbara"
    assert user["last_name"] == "Liskov"
    assert not [key for key in user if "password" in key or "hash" in key], user


def test_me_without_token(api):
    expect_error(api.get("/api/v1/auth/me"), 401, "AUTHENTICATION_FAILED")


def test_logout_revokes_that_token(cairn):
    account = register(cairn)
    first = expect_data(login(cairn, account.email, account.password))
    second = expect_data(login(cairn, account.email, account.password))
    client = Api(cairn, first["access_token"])

    response = client.post("/api/v1/auth/logout", {"refresh_token": first["refresh_token"]})

    expect_success(response, 200)
    expect_error(refresh(cairn, first["refresh_token"]), 401, "INVALID_TOKEN")
    expect_data(refresh(cairn, second["refresh_token"]))


def test_logout_requires_authentication(cairn):
    account = register(cairn)
    tokens = expect_data(login(cairn, account.email, account.password))

    response = Api(cairn).post("/api/v1/auth/logout", {"refresh_token": tokens["refresh_token"]})

    expect_error(response, 401, "AUTHENTICATION_FAILED")
    expect_data(refresh(cairn, tokens["refresh_token"]))


def test_logout_other_users_token_kept(cairn):
    victim = register(cairn)
    victim.login()
    attacker = register(cairn)
    attacker.login()

    response = attacker.api.post("/api/v1/auth/logout", {"refresh_token": victim.refresh_token})

    assert response.status_code != 500, response.text
    expect_data(refresh(cairn, victim.refresh_token))
