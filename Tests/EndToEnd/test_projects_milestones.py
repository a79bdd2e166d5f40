"""Milestones: create, list, get, update and delete, managed by managers and owners."""

import uuid

import pytest

from cairn_e2e.api import TIMESTAMP_PATTERN, UUID_PATTERN, expect_data, expect_error
from cairn_e2e.projects import PROJECTS, build_crew, collect_pages, create_milestone, create_project, ids_of


@pytest.fixture
def crew(make_user):
    return build_crew(make_user)


def milestones_path(project_id, milestone_id=None):
    path = f"{PROJECTS}/{project_id}/milestones"
    return path if milestone_id is None else f"{path}/{milestone_id}"


@pytest.mark.parametrize("role_name", ["owner", "manager"])
def test_create_milestone(crew, role_name):
    account = getattr(crew, role_name)
    body = {"name": "Beta release", "description": "Feature complete", "due_date": "2027-05-01"}

    milestone = expect_data(account.api.post(milestones_path(crew.project_id), body), 201)

    assert UUID_PATTERN.match(milestone["id"]), milestone
    assert milestone["name"] == "Beta release"
    assert milestone["description"] == "Feature complete"
    assert milestone["due_date"] == "2027-05-01"
    assert milestone["status"] == "open"
    assert TIMESTAMP_PATTERN.match(milestone["created_at"]), milestone


def test_create_completed_milestone(crew):
    milestone = create_milestone(crew.owner, crew.project_id, status="completed")

    assert milestone["status"] == "completed"


@pytest.mark.parametrize(
    "body,field_name",
    [({}, "name"), ({"name": ""}, "name"), ({"name": 7}, "name"),
     ({"name": "x", "status": "done"}, "status"), ({"name": "x", "due_date": "2027-02-29"}, "due_date")],
)
def test_create_invalid(crew, body, field_name):
    response = crew.owner.api.post(milestones_path(crew.project_id), body)

    expect_error(response, 400, "VALIDATION_ERROR", field_name)
    assert collect_pages(crew.owner.api, milestones_path(crew.project_id)) == []


@pytest.mark.parametrize("role_name", ["member", "viewer"])
def test_lower_roles_cannot_create(crew, role_name):
    account = getattr(crew, role_name)

    response = account.api.post(milestones_path(crew.project_id), {"name": "Unauthorized"})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert collect_pages(crew.owner.api, milestones_path(crew.project_id)) == []


def test_list_milestones(crew):
    first = create_milestone(crew.owner, crew.project_id, due_date="2027-02-01")
    second = create_milestone(crew.owner, crew.project_id, due_date="2027-01-01", status="completed")

    for account in (crew.owner, crew.manager, crew.member, crew.viewer):
        listed = collect_pages(account.api, milestones_path(crew.project_id))
        assert sorted(ids_of(listed)) == sorted([first["id"], second["id"]]), account.username
    completed = collect_pages(crew.member.api, milestones_path(crew.project_id), {"status": "completed"})
    assert ids_of(completed) == [second["id"]]


def test_list_invalid_query(crew):
    path = milestones_path(crew.project_id)

    expect_error(crew.owner.api.get(path, params={"status": "closed"}), 400, "VALIDATION_ERROR", "status")
    expect_error(crew.owner.api.get(path, params={"limit": "0"}), 400, "VALIDATION_ERROR", "limit")
    expect_error(crew.owner.api.get(path, params={"limit": "201"}), 400, "VALIDATION_ERROR", "limit")
    expect_error(crew.owner.api.get(path, params={"ordering": "weight"}), 400, "VALIDATION_ERROR", "ordering")


def test_get_milestone(crew):
    milestone = create_milestone(crew.manager, crew.project_id, due_date="2027-04-01")

    for account in (crew.owner, crew.member, crew.viewer):
        fetched = expect_data(account.api.get(milestones_path(crew.project_id, milestone["id"])))
        assert fetched["id"] == milestone["id"], account.username
        assert fetched["name"] == milestone["name"], account.username
        assert fetched["due_date"] == "2027-04-01", account.username


def test_get_milestone_of_other_project(crew):
    other_project = create_project(crew.owner)
    milestone = create_milestone(crew.owner, other_project["id"])

    response = crew.owner.api.get(milestones_path(crew.project_id, milestone["id"]))

    expect_error(response, 404, "NOT_FOUND")


def test_get_missing_milestone(crew):
    expect_error(crew.owner.api.get(milestones_path(crew.project_id, uuid.uuid4())), 404, "NOT_FOUND")
    expect_error(crew.owner.api.get(milestones_path(crew.project_id, "not-a-uuid")), 404, "NOT_FOUND")


@pytest.mark.parametrize("role_name", ["owner", "manager"])
def test_update_milestone(crew, role_name):
    account = getattr(crew, role_name)
    milestone = create_milestone(crew.owner, crew.project_id, due_date="2027-04-01")
    path = milestones_path(crew.project_id, milestone["id"])
    changes = {"name": "Renamed milestone", "description": "Scope cut", "due_date": "2027-05-15", "status": "completed"}

    updated = expect_data(account.api.patch(path, changes))

    for field_name, value in changes.items():
        assert updated[field_name] == value, field_name
    after = expect_data(crew.viewer.api.get(path))
    for field_name, value in changes.items():
        assert after[field_name] == value, field_name


def test_reopen_milestone(crew):
    milestone = create_milestone(crew.owner, crew.project_id, status="completed")
    path = milestones_path(crew.project_id, milestone["id"])

    reopened = expect_data(crew.manager.api.patch(path, {"status": "open"}))

    assert reopened["status"] == "open"
    assert reopened["name"] == milestone["name"]


def test_update_invalid(crew):
    milestone = create_milestone(crew.owner, crew.project_id)
    path = milestones_path(crew.project_id, milestone["id"])

    expect_error(crew.owner.api.patch(path, {"status": "finished"}), 400, "VALIDATION_ERROR", "status")
    expect_error(crew.owner.api.patch(path, {"name": ""}), 400, "VALIDATION_ERROR", "name")
    expect_error(crew.owner.api.patch(path, {"due_date": "soon"}), 400, "VALIDATION_ERROR", "due_date")

    after = expect_data(crew.owner.api.get(path))
    assert after["status"] == "open"
    assert after["name"] == milestone["name"]


@pytest.mark.parametrize("role_name", ["member", "viewer"])
def test_lower_roles_cannot_change(crew, role_name):
    account = getattr(crew, role_name)
    milestone = create_milestone(crew.owner, crew.project_id)
    path = milestones_path(crew.project_id, milestone["id"])

    expect_error(account.api.patch(path, {"name": "Mine now"}), 403, "AUTHORIZATION_FAILED")
    expect_error(account.api.delete(path), 403, "AUTHORIZATION_FAILED")

    assert expect_data(crew.owner.api.get(path))["name"] == milestone["name"]


@pytest.mark.parametrize("role_name", ["owner", "manager"])
def test_delete_milestone(crew, role_name):
    account = getattr(crew, role_name)
    milestone = create_milestone(crew.owner, crew.project_id)
    path = milestones_path(crew.project_id, milestone["id"])

    response = account.api.delete(path)

    assert response.status_code == 204, response.text
    expect_error(crew.owner.api.get(path), 404, "NOT_FOUND")
    expect_error(crew.owner.api.patch(path, {"name": "Ghost"}), 404, "NOT_FOUND")
    expect_error(crew.owner.api.delete(path), 404, "NOT_FOUND")
    assert milestone["id"] not in ids_of(collect_pages(crew.owner.api, milestones_path(crew.project_id)))
