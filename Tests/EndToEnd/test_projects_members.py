"""Project members: adding, changing and removing them, the role rules and the last-owner rule.

Owners manage every role. Managers manage members below manager (`member`, `viewer`). Members and
viewers manage no members. The project must always keep an owner (409).
"""

import threading
import uuid

import pytest

from cairn_e2e.api import expect_client_error, expect_data, expect_error, expect_success
from cairn_e2e.groups import add_member, create_team
from cairn_e2e.projects import (
    PROJECTS,
    TASKS,
    add_project_member,
    build_crew,
    collect_pages,
    create_project,
    project_roles,
)

CONCURRENT_OWNER_ROUNDS = 10


@pytest.fixture
def crew(make_user):
    return build_crew(make_user)


def members_path(crew, user_id=None):
    path = f"{PROJECTS}/{crew.project_id}/members"
    return path if user_id is None else f"{path}/{user_id}"


def test_list_members(crew):
    expected = {
        crew.owner.id: "owner",
        crew.manager.id: "manager",
        crew.member.id: "member",
        crew.viewer.id: "viewer",
    }

    for account in (crew.owner, crew.manager, crew.member, crew.viewer):
        assert project_roles(account, crew.project_id) == expected, account.username


@pytest.mark.parametrize("role", ["owner", "manager", "member", "viewer"])
def test_owner_adds_any_role(crew, make_user, role):
    newcomer = make_user()

    member = add_project_member(crew.owner, crew.project_id, newcomer.id, role)

    assert member["user_id"] == newcomer.id
    assert member["role"] == role
    assert project_roles(crew.owner, crew.project_id)[newcomer.id] == role
    assert expect_data(newcomer.api.get(f"{PROJECTS}/{crew.project_id}"))["id"] == crew.project_id


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_manager_adds_lower_roles(crew, make_user, role):
    newcomer = make_user()

    member = add_project_member(crew.manager, crew.project_id, newcomer.id, role)

    assert member["role"] == role
    assert project_roles(crew.owner, crew.project_id)[newcomer.id] == role


@pytest.mark.parametrize("role", ["manager", "owner"])
def test_manager_cannot_add_high_roles(crew, make_user, role):
    newcomer = make_user()

    response = crew.manager.api.post(members_path(crew), {"user_id": newcomer.id, "role": role})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert newcomer.id not in project_roles(crew.owner, crew.project_id)


@pytest.mark.parametrize("role_name", ["member", "viewer"])
def test_lower_roles_cannot_add(crew, make_user, role_name):
    account = getattr(crew, role_name)
    newcomer = make_user()

    response = account.api.post(members_path(crew), {"user_id": newcomer.id, "role": "viewer"})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert newcomer.id not in project_roles(crew.owner, crew.project_id)


@pytest.mark.parametrize(
    "body,field_name",
    [
        ({"role": "member"}, "user_id"),
        ({"user_id": "not-a-uuid", "role": "member"}, "user_id"),
        ({"user_id": None, "role": "member"}, "user_id"),
        ({"user_id": "NEWCOMER", "role": "admin"}, "role"),
        ({"user_id": "NEWCOMER"}, "role"),
        ({"user_id": "NEWCOMER", "role": 3}, "role"),
    ],
)
def test_add_invalid(crew, make_user, body, field_name):
    newcomer = make_user()
    request_body = {name: newcomer.id if value == "NEWCOMER" else value for name, value in body.items()}
    before = project_roles(crew.owner, crew.project_id)

    expect_error(crew.owner.api.post(members_path(crew), request_body), 400, "VALIDATION_ERROR", field_name)

    assert project_roles(crew.owner, crew.project_id) == before


def test_add_unknown_user(crew):
    response = crew.owner.api.post(members_path(crew), {"user_id": str(uuid.uuid4()), "role": "member"})

    expect_error(response, 400, "VALIDATION_ERROR", "user_id")


def test_add_existing_member(crew):
    before = project_roles(crew.owner, crew.project_id)

    response = crew.owner.api.post(members_path(crew), {"user_id": crew.member.id, "role": "viewer"})

    error = expect_client_error(response)
    assert response.status_code in (400, 409), error
    assert project_roles(crew.owner, crew.project_id) == before


def test_owner_changes_roles(crew):
    promoted = expect_data(crew.owner.api.patch(members_path(crew, crew.member.id), {"role": "manager"}))
    demoted = expect_data(crew.owner.api.patch(members_path(crew, crew.manager.id), {"role": "viewer"}))

    assert promoted["role"] == "manager"
    assert demoted["role"] == "viewer"
    roles = project_roles(crew.owner, crew.project_id)
    assert roles[crew.member.id] == "manager"
    assert roles[crew.manager.id] == "viewer"


def test_manager_changes_lower_roles(crew):
    changed = expect_data(crew.manager.api.patch(members_path(crew, crew.viewer.id), {"role": "member"}))

    assert changed["role"] == "member"
    assert project_roles(crew.owner, crew.project_id)[crew.viewer.id] == "member"


@pytest.mark.parametrize(
    "target,role",
    [("member", "manager"), ("member", "owner"), ("owner", "member"), ("manager", "viewer")],
)
def test_manager_cannot_change_high_roles(crew, make_user, target, role):
    target_account = getattr(crew, target)
    if target == "manager":
        target_account = make_user()
        add_project_member(crew.owner, crew.project_id, target_account.id, "manager")
    before = project_roles(crew.owner, crew.project_id)

    response = crew.manager.api.patch(members_path(crew, target_account.id), {"role": role})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert project_roles(crew.owner, crew.project_id) == before


@pytest.mark.parametrize("role_name", ["member", "viewer"])
def test_lower_roles_cannot_change(crew, role_name):
    account = getattr(crew, role_name)
    before = project_roles(crew.owner, crew.project_id)

    response = account.api.patch(members_path(crew, crew.viewer.id), {"role": "member"})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert project_roles(crew.owner, crew.project_id) == before


def test_change_invalid_role(crew):
    response = crew.owner.api.patch(members_path(crew, crew.member.id), {"role": "boss"})

    expect_error(response, 400, "VALIDATION_ERROR", "role")
    assert project_roles(crew.owner, crew.project_id)[crew.member.id] == "member"


def test_change_non_member(crew):
    response = crew.owner.api.patch(members_path(crew, crew.outsider.id), {"role": "member"})

    expect_error(response, 404, "NOT_FOUND")
    assert crew.outsider.id not in project_roles(crew.owner, crew.project_id)


def test_owner_removes_member(crew):
    response = crew.owner.api.delete(members_path(crew, crew.manager.id))

    assert response.status_code == 204, response.text
    assert crew.manager.id not in project_roles(crew.owner, crew.project_id)


def test_manager_removes_lower_roles(crew):
    for account in (crew.member, crew.viewer):
        response = crew.manager.api.delete(members_path(crew, account.id))
        assert response.status_code == 204, response.text

    roles = project_roles(crew.owner, crew.project_id)
    assert crew.member.id not in roles
    assert crew.viewer.id not in roles


def test_manager_cannot_remove_owner(crew, make_user):
    other_manager = make_user()
    add_project_member(crew.owner, crew.project_id, other_manager.id, "manager")
    before = project_roles(crew.owner, crew.project_id)

    expect_error(crew.manager.api.delete(members_path(crew, crew.owner.id)), 403, "AUTHORIZATION_FAILED")
    expect_error(crew.manager.api.delete(members_path(crew, other_manager.id)), 403, "AUTHORIZATION_FAILED")

    assert project_roles(crew.owner, crew.project_id) == before


@pytest.mark.parametrize("role_name", ["member", "viewer"])
def test_lower_roles_cannot_remove(crew, role_name):
    account = getattr(crew, role_name)
    target = crew.viewer if role_name == "member" else crew.member
    before = project_roles(crew.owner, crew.project_id)

    expect_error(account.api.delete(members_path(crew, target.id)), 403, "AUTHORIZATION_FAILED")

    assert project_roles(crew.owner, crew.project_id) == before


def test_remove_non_member(crew):
    expect_error(crew.owner.api.delete(members_path(crew, crew.outsider.id)), 404, "NOT_FOUND")


def test_last_owner_cannot_leave(crew):
    path = members_path(crew, crew.owner.id)

    expect_error(crew.owner.api.delete(path), 409, "CONFLICT")
    expect_error(crew.owner.api.patch(path, {"role": "manager"}), 409, "CONFLICT")

    assert project_roles(crew.owner, crew.project_id)[crew.owner.id] == "owner"


def test_second_owner_allows_leaving(crew, make_user):
    second_owner = make_user()
    add_project_member(crew.owner, crew.project_id, second_owner.id, "owner")

    demoted = expect_data(crew.owner.api.patch(members_path(crew, crew.owner.id), {"role": "manager"}))

    assert demoted["role"] == "manager"
    expect_error(second_owner.api.delete(members_path(crew, second_owner.id)), 409, "CONFLICT")
    expect_error(
        second_owner.api.patch(members_path(crew, second_owner.id), {"role": "member"}), 409, "CONFLICT"
    )
    removed = second_owner.api.delete(members_path(crew, crew.owner.id))
    assert removed.status_code == 204, removed.text
    assert project_roles(second_owner, crew.project_id) == {
        second_owner.id: "owner",
        crew.manager.id: "manager",
        crew.member.id: "member",
        crew.viewer.id: "viewer",
    }


def test_removed_member_loses_project(crew):
    response = crew.owner.api.delete(members_path(crew, crew.member.id))

    assert response.status_code == 204, response.text
    expect_error(crew.member.api.get(f"{PROJECTS}/{crew.project_id}"), 404, "NOT_FOUND")


def test_list_members_pages(crew, make_user):
    for _ in range(3):
        add_project_member(crew.owner, crew.project_id, make_user().id, "viewer")

    first = expect_success(crew.member.api.get(members_path(crew), params={"limit": "2"}))
    paged = collect_pages(crew.member.api, members_path(crew), {"limit": "2"})

    assert len(first["data"]) == 2
    assert first["meta"]["next_cursor"]
    user_ids = [member["user_id"] for member in paged]
    assert len(user_ids) == 7, user_ids
    assert len(set(user_ids)) == 7, user_ids
    expect_error(crew.member.api.get(members_path(crew), params={"limit": "0"}), 400, "VALIDATION_ERROR", "limit")
    expect_error(crew.member.api.get(members_path(crew), params={"limit": "201"}), 400, "VALIDATION_ERROR", "limit")


def test_direct_role_overrides_team(make_user):
    owner = make_user()
    teammate = make_user()
    team = create_team(owner)
    add_member(owner, "teams", team["id"], teammate.id, "member")
    project = create_project(owner, team_id=team["id"])
    add_project_member(owner, project["id"], teammate.id, "viewer")

    response = teammate.api.post(TASKS, {"project_id": project["id"], "title": "Viewer through a direct role"})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    expect_data(teammate.api.get(f"{PROJECTS}/{project['id']}"))


def test_owners_removing_each_other_keep_one(make_user):
    """Two owners remove each other at the same moment, and the project must still have an owner afterwards."""
    first_owner = make_user()
    second_owner = make_user()

    for round_number in range(CONCURRENT_OWNER_ROUNDS):
        project = create_project(first_owner)
        add_project_member(first_owner, project["id"], second_owner.id, "owner")
        start_together = threading.Barrier(2)
        statuses: dict[str, int] = {}

        def remove(actor, target):
            start_together.wait(timeout=10)
            response = actor.api.delete(f"{PROJECTS}/{project['id']}/members/{target.id}")
            statuses[actor.username] = response.status_code

        threads = [
            threading.Thread(target=remove, args=(first_owner, second_owner)),
            threading.Thread(target=remove, args=(second_owner, first_owner)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        remaining_owners = []
        for account in (first_owner, second_owner):
            response = account.api.get(f"{PROJECTS}/{project['id']}/members")
            if response.status_code == 200:
                remaining_owners += [
                    member["user_id"] for member in expect_data(response) if member["role"] == "owner"
                ]
        assert remaining_owners, f"round {round_number}: both removals returned {statuses} and no owner is left"
        assert sorted(statuses.values()) in ([204, 404], [204, 409]), (
            f"round {round_number}: {statuses}"
        )
