"""The user directory shows people who share a project, and stops when they no longer do."""

from __future__ import annotations

from cairn_e2e.api import expect_data, expect_error, poll_until, unique_suffix


def create_project(account) -> dict:
    return expect_data(account.api.post("/api/v1/projects", {"name": f"Directory {unique_suffix()}"}), 201)


def sees(viewer, other) -> bool:
    return viewer.api.get(f"/api/v1/users/{other.id}").status_code == 200


def test_project_members_see_each_other(make_user):
    owner = make_user()
    colleague = make_user()
    expect_error(owner.api.get(f"/api/v1/users/{colleague.id}"), 404, "NOT_FOUND")

    project = create_project(owner)
    expect_data(
        owner.api.post(f"/api/v1/projects/{project['id']}/members", {"user_id": colleague.id, "role": "member"}),
        201,
    )

    assert poll_until(lambda: sees(owner, colleague) and sees(colleague, owner), timeout=5)
    listed = expect_data(colleague.api.get("/api/v1/users", params={"ids": owner.id}))
    assert [entry["id"] for entry in listed] == [owner.id]
    assert "email" not in listed[0]


def test_removed_member_disappears_from_directory(make_user):
    owner = make_user()
    colleague = make_user()
    project = create_project(owner)
    expect_data(
        owner.api.post(f"/api/v1/projects/{project['id']}/members", {"user_id": colleague.id, "role": "viewer"}),
        201,
    )
    assert poll_until(lambda: sees(colleague, owner), timeout=5)

    removed = owner.api.delete(f"/api/v1/projects/{project['id']}/members/{colleague.id}")
    assert removed.status_code in (200, 204), removed.text

    assert poll_until(lambda: not sees(colleague, owner), timeout=5)
