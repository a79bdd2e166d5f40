"""Helpers for organizations, teams and their members."""

from __future__ import annotations

import secrets

from .api import Account, expect_data


def create_organization(owner: Account, **fields) -> dict:
    body = {"name": f"Org {secrets.token_hex(4)}", **fields}
    return expect_data(owner.api.post("/api/v1/organizations", body), 201)


def create_team(owner: Account, **fields) -> dict:
    body = {"name": f"Team {secrets.token_hex(4)}", **fields}
    return expect_data(owner.api.post("/api/v1/teams", body), 201)


def add_member(actor: Account, collection: str, group_id: str, user_id: str, role: str = "member") -> dict:
    """Add `user_id` to an organization or team (`collection` is `organizations` or `teams`)."""
    response = actor.api.post(f"/api/v1/{collection}/{group_id}/members", {"user_id": user_id, "role": role})
    return expect_data(response, 201)


def member_roles(actor: Account, collection: str, group_id: str) -> dict[str, str]:
    """Return {user_id: role} of a group's members, as listed by `GET …/members` for `actor`."""
    members = expect_data(actor.api.get(f"/api/v1/{collection}/{group_id}/members"))
    return {member["user_id"]: member["role"] for member in members}


def listed_ids(items: list[dict]) -> set[str]:
    return {item["id"] for item in items}
