"""Access and refresh tokens: PyJWT interoperability, forged tokens and Authorization headers."""

import time
import uuid

import jwt
import pytest

from cairn_e2e.api import Api, expect_data, expect_error, login, register_and_login
from cairn_e2e.tokens import (
    ACCESS_CLAIMS,
    REFRESH_CLAIMS,
    access_claims,
    decode_verified,
    sign,
    unsigned_token,
    with_header_algorithm,
)

PROTECTED_PATHS = ("/api/v1/auth/me", "/api/v1/users/profile")


@pytest.fixture(scope="module")
def member(cairn):
    """A logged-in account with its user object, shared by the read-only tests here."""
    account = register_and_login(cairn)
    account.user = expect_data(account.api.get("/api/v1/auth/me"))
    return account


def test_access_token_verifies_with_pyjwt(member, jwt_secret):
    claims = decode_verified(member.access_token, jwt_secret)

    assert set(claims) == ACCESS_CLAIMS
    assert claims["type"] == "access"
    assert claims["user_id"] == member.id
    assert claims["email"] == member.email
    assert claims["username"] == member.username
    assert isinstance(claims["roles"], list)
    assert claims["exp"] - claims["iat"] == 3600
    assert abs(claims["iat"] - time.time()) < 3600
    assert isinstance(claims["jti"], str)
    assert claims["jti"] != ""


def test_refresh_token_verifies_with_pyjwt(member, jwt_secret):
    claims = decode_verified(member.refresh_token, jwt_secret)

    assert set(claims) == REFRESH_CLAIMS
    assert claims["type"] == "refresh"
    assert claims["user_id"] == member.id
    assert claims["exp"] - claims["iat"] == 7 * 24 * 3600


def test_token_header_is_hs256(member):
    assert jwt.get_unverified_header(member.access_token)["alg"] == "HS256"


def test_each_login_has_new_jti(cairn, member, jwt_secret):
    other = expect_data(login(cairn, member.email, member.password))

    assert decode_verified(other["access_token"], jwt_secret)["jti"] != decode_verified(
        member.access_token, jwt_secret
    )["jti"]


def test_pyjwt_token_accepted(cairn, member, jwt_secret):
    token = sign(access_claims(member.user), jwt_secret)

    for path in PROTECTED_PATHS:
        response = Api(cairn, token).get(path)
        expect_data(response)
    assert expect_data(Api(cairn, token).get("/api/v1/auth/me"))["id"] == member.id


@pytest.mark.parametrize("algorithm_name", ["none", "None", "NONE", "nOnE"])
def test_alg_none_rejected(cairn, member, algorithm_name):
    token = unsigned_token(access_claims(member.user), algorithm_name)

    for path in PROTECTED_PATHS:
        expect_error(Api(cairn, token).get(path), 401, "INVALID_TOKEN")


def test_alg_none_with_signature_rejected(cairn, member):
    token = with_header_algorithm(member.access_token, "none")

    expect_error(Api(cairn, token).get("/api/v1/auth/me"), 401, "INVALID_TOKEN")


def test_other_key_rejected(cairn, member):
    token = sign(access_claims(member.user), "some-other-secret-key-of-32-bytes!!")

    for path in PROTECTED_PATHS:
        expect_error(Api(cairn, token).get(path), 401, "INVALID_TOKEN")


def test_hs512_right_key_rejected(cairn, member, jwt_secret):
    token = sign(access_claims(member.user), jwt_secret, "HS512")

    for path in PROTECTED_PATHS:
        expect_error(Api(cairn, token).get(path), 401, "INVALID_TOKEN")


def test_hs384_right_key_rejected(cairn, member, jwt_secret):
    token = sign(access_claims(member.user), jwt_secret, "HS384")

    expect_error(Api(cairn, token).get("/api/v1/auth/me"), 401, "INVALID_TOKEN")


def test_tampered_payload_rejected(cairn, member, jwt_secret):
    claims = access_claims(member.user)
    claims["roles"] = ["admin"]
    forged = sign(claims, "wrong-key-wrong-key-wrong-key-123")
    header, _, signature = member.access_token.split(".")
    _, payload, _ = forged.split(".")

    response = Api(cairn, f"{header}.{payload}.{signature}").get("/api/v1/auth/me")

    expect_error(response, 401, "INVALID_TOKEN")


def test_refresh_token_as_access_rejected(cairn, member):
    for path in PROTECTED_PATHS:
        expect_error(Api(cairn, member.refresh_token).get(path), 401, "INVALID_TOKEN")


def test_expired_token(cairn, member, jwt_secret):
    issued_at = int(time.time()) - 7200
    token = sign(access_claims(member.user, issued_at=issued_at), jwt_secret)

    for path in PROTECTED_PATHS:
        expect_error(Api(cairn, token).get(path), 401, "TOKEN_EXPIRED")


@pytest.mark.parametrize("claim", sorted(ACCESS_CLAIMS))
def test_missing_claim_rejected(cairn, member, jwt_secret, claim):
    claims = access_claims(member.user)
    del claims[claim]
    token = sign(claims, jwt_secret)

    expect_error(Api(cairn, token).get("/api/v1/auth/me"), 401, "INVALID_TOKEN")


@pytest.mark.parametrize(
    "claim,value",
    [
        ("type", "refresh"),
        ("type", "Access"),
        ("type", "id"),
        ("user_id", "not-a-uuid"),
        ("user_id", 42),
        ("exp", str(int(time.time()) + 3600)),
        ("roles", "admin"),
    ],
)
def test_bad_claim_value_rejected(cairn, member, jwt_secret, claim, value):
    claims = access_claims(member.user)
    claims[claim] = value
    token = sign(claims, jwt_secret)

    expect_error(Api(cairn, token).get("/api/v1/auth/me"), 401, "INVALID_TOKEN")


def test_unknown_user_rejected(cairn, member, jwt_secret):
    claims = access_claims(member.user)
    claims["user_id"] = str(uuid.uuid4())
    token = sign(claims, jwt_secret)

    expect_error(Api(cairn, token).get("/api/v1/auth/me"), 401, "INVALID_TOKEN")


@pytest.mark.parametrize(
    "header_value",
    ["Basic dXNlcjpwYXNz", "Token abc", "abc", "Bearer-abc", "Digest username=x"],
)
def test_non_bearer_authorization(cairn, header_value):
    for path in PROTECTED_PATHS:
        response = Api(cairn).get(path, headers={"Authorization": header_value})
        expect_error(response, 401, "AUTHENTICATION_FAILED")


def test_missing_authorization(cairn):
    for path in PROTECTED_PATHS:
        expect_error(Api(cairn).get(path), 401, "AUTHENTICATION_FAILED")


@pytest.mark.parametrize(
    "header_value",
    ["Bearer ", "Bearer garbage", "Bearer a.b.c", "Bearer ...", "Bearer eyJ.eyJ.sig", "Bearer " + "A" * 5000],
)
def test_bad_bearer_value(cairn, header_value):
    for path in PROTECTED_PATHS:
        response = Api(cairn).get(path, headers={"Authorization": header_value})
        expect_error(response, 401, "INVALID_TOKEN")


def test_bearer_token_with_suffix(cairn, member):
    response = Api(cairn).get("/api/v1/auth/me", headers={"Authorization": f"Bearer {member.access_token}x"})

    expect_error(response, 401, "INVALID_TOKEN")
