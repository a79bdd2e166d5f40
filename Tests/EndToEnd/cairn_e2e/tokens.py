"""Build and read JWTs with PyJWT, including malformed and forged ones."""

from __future__ import annotations

import base64
import json
import time
import uuid

import jwt

ACCESS_CLAIMS = {"user_id", "email", "username", "roles", "iat", "exp", "jti", "type"}
REFRESH_CLAIMS = {"user_id", "iat", "exp", "jti", "type"}


def decode_verified(token: str, secret: str) -> dict:
    """Verify an HS256 token with `secret` and return its claims."""
    return jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "iat"]})


def decode_unverified(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def access_claims(user: dict, lifetime_seconds: int = 3600, issued_at: int | None = None) -> dict:
    """Return access-token claims for `user` (a Cairn user object) in the shape Cairn issues them."""
    now = int(time.time()) if issued_at is None else issued_at
    return {
        "user_id": user["id"],
        "email": user["email"],
        "username": user["username"],
        "roles": list(user.get("roles", [])),
        "iat": now,
        "exp": now + lifetime_seconds,
        "jti": str(uuid.uuid4()),
        "type": "access",
    }


def sign(claims: dict, secret: str, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, secret, algorithm=algorithm)


def base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unsigned_token(claims: dict, algorithm_name: str = "none") -> str:
    """Return a token with header `alg: <algorithm_name>` and an empty signature."""
    header = base64url(json.dumps({"alg": algorithm_name, "typ": "JWT"}).encode())
    payload = base64url(json.dumps(claims).encode())
    return f"{header}.{payload}."


def with_header_algorithm(token: str, algorithm_name: str) -> str:
    """Return `token` with its header's `alg` replaced and the original signature kept."""
    header, payload, signature = token.split(".")
    new_header = base64url(json.dumps({"alg": algorithm_name, "typ": "JWT"}).encode())
    return f"{new_header}.{payload}.{signature}"
