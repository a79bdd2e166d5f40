"""Projects: create, list, get, update and delete, with key rules, filters and paging."""

import uuid

import pytest

from cairn_e2e.api import TIMESTAMP_PATTERN, UUID_PATTERN, expect_data, expect_error, expect_success
from cairn_e2e.groups import add_member, create_organization, create_team
from cairn_e2e.projects import (
    PROJECT_TEMPLATES,
    PROJECTS,
    add_project_member,
    build_crew,
    collect_pages,
    create_milestone,
    create_project,
    documented_orderings,
    ids_of,
    project_roles,
    reference_wording,
)


@pytest.fixture
def crew(make_user):
    return build_crew(make_user)


def unique_key() -> str:
    """Return a random key of 8 upper-case letters, so that keys from other tests never clash."""
    return "".join(chr(ord("A") + byte % 26) for byte in uuid.uuid4().bytes[:8])


def test_create_project(make_user):
    owner = make_user()
    key = unique_key()
    body = {
        "name": "Website relaunch",
        "key": key,
        "description": "New site for the spring",
        "start_date": "2027-03-01",
        "due_date": "2027-06-30",
    }

    project = expect_data(owner.api.post(PROJECTS, body), 201)

    assert UUID_PATTERN.match(project["id"]), project
    assert project["name"] == "Website relaunch"
    assert project["key"] == key
    assert project["description"] == "New site for the spring"
    assert project["start_date"] == "2027-03-01"
    assert project["due_date"] == "2027-06-30"
    assert project["status"] == "active"
    assert project["team_id"] is None
    assert TIMESTAMP_PATTERN.match(project["created_at"]), project
    assert project_roles(owner, project["id"]) == {owner.id: "owner"}


def test_create_ignores_read_only_fields(make_user):
    owner = make_user()
    other = make_user()
    forged_id = str(uuid.uuid4())

    project = expect_data(owner.api.post(PROJECTS, {"name": "Mine", "id": forged_id, "owner_id": other.id}), 201)

    assert project["id"] != forged_id
    assert project_roles(owner, project["id"]) == {owner.id: "owner"}
    expect_error(other.api.get(f"{PROJECTS}/{project['id']}"), 404, "NOT_FOUND")


def test_create_generates_key(make_user):
    owner = make_user()

    project = create_project(owner, name="Generated key")

    assert 2 <= len(project["key"]) <= 10, project
    assert project["key"].isascii(), project
    assert project["key"].isalpha(), project
    assert project["key"].isupper(), project


@pytest.mark.parametrize(
    "body,field_name",
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": 5}, "name"),
        ({"name": "x", "key": "ab"}, "key"),
        ({"name": "x", "key": "A"}, "key"),
        ({"name": "x", "key": "ABCDEFGHIJK"}, "key"),
        ({"name": "x", "key": "AB1"}, "key"),
        ({"name": "x", "key": 12}, "key"),
        ({"name": "x", "description": 5}, "description"),
        ({"name": "x", "start_date": "2027-02-30"}, "start_date"),
        ({"name": "x", "due_date": "tomorrow"}, "due_date"),
        ({"name": "x", "status": "paused"}, "status"),
        ({"name": "x", "team_id": "not-a-uuid"}, "team_id"),
    ],
)
def test_create_invalid(make_user, body, field_name):
    owner = make_user()

    expect_error(owner.api.post(PROJECTS, body), 400, "VALIDATION_ERROR", field_name)

    assert expect_data(owner.api.get(PROJECTS)) == []


def test_create_non_object_body(make_user):
    owner = make_user()

    expect_error(owner.api.post(PROJECTS, ["name"]), 400, "VALIDATION_ERROR")
    expect_error(owner.api.post(PROJECTS, body="{not json"), 400, "VALIDATION_ERROR")


def test_duplicate_key(make_user):
    first_owner = make_user()
    second_owner = make_user()
    key = unique_key()
    create_project(first_owner, key=key)

    response = second_owner.api.post(PROJECTS, {"name": "Copycat", "key": key})

    expect_error(response, 400, "VALIDATION_ERROR", "key")
    assert expect_data(second_owner.api.get(PROJECTS)) == []


def test_create_in_team(make_user):
    owner = make_user()
    team = create_team(owner)

    project = create_project(owner, team_id=team["id"])

    assert project["team_id"] == team["id"]


def test_create_in_hidden_team(make_user):
    owner = make_user()
    outsider = make_user()
    team = create_team(owner)
    missing_id = str(uuid.uuid4())

    hidden = outsider.api.post(PROJECTS, {"name": "Sneaky", "team_id": team["id"]})
    missing = outsider.api.post(PROJECTS, {"name": "Sneaky", "team_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "team_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "team_id")
    assert reference_wording(hidden_error, "team_id", team["id"]) == reference_wording(
        missing_error, "team_id", missing_id
    )
    assert expect_data(outsider.api.get(PROJECTS)) == []


def test_create_in_hidden_organization(make_user):
    owner = make_user()
    outsider = make_user()
    organization = create_organization(owner)
    missing_id = str(uuid.uuid4())

    hidden = outsider.api.post(PROJECTS, {"name": "Sneaky", "organization_id": organization["id"]})
    missing = outsider.api.post(PROJECTS, {"name": "Sneaky", "organization_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "organization_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "organization_id")
    assert reference_wording(hidden_error, "organization_id", organization["id"]) == reference_wording(
        missing_error, "organization_id", missing_id
    )
    assert expect_data(outsider.api.get(PROJECTS)) == []


def test_move_to_hidden_team(make_user):
    owner = make_user()
    team_owner = make_user()
    hidden_team = create_team(team_owner)
    project = create_project(owner)
    path = f"{PROJECTS}/{project['id']}"
    missing_id = str(uuid.uuid4())

    hidden = owner.api.patch(path, {"team_id": hidden_team["id"]})
    missing = owner.api.patch(path, {"team_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "team_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "team_id")
    assert reference_wording(hidden_error, "team_id", hidden_team["id"]) == reference_wording(
        missing_error, "team_id", missing_id
    )
    assert expect_data(owner.api.get(path))["team_id"] is None


def test_list_only_member_projects(crew):
    other_project = create_project(crew.outsider)

    for account in (crew.owner, crew.manager, crew.member, crew.viewer):
        listed = ids_of(collect_pages(account.api, PROJECTS))
        assert crew.project_id in listed, account.username
        assert other_project["id"] not in listed, account.username
    outsider_listed = ids_of(collect_pages(crew.outsider.api, PROJECTS))
    assert outsider_listed == [other_project["id"]]


def test_list_filters(make_user):
    owner = make_user()
    team = create_team(owner)
    active = create_project(owner, name="Alpha Harbor")
    on_hold = create_project(owner, name="Beta Harbor", status="on_hold")
    in_team = create_project(owner, name="Gamma Field", team_id=team["id"])

    assert set(ids_of(collect_pages(owner.api, PROJECTS, {"status": "on_hold"}))) == {on_hold["id"]}
    assert set(ids_of(collect_pages(owner.api, PROJECTS, {"status": "active"}))) == {active["id"], in_team["id"]}
    assert set(ids_of(collect_pages(owner.api, PROJECTS, {"team_id": team["id"]}))) == {in_team["id"]}
    assert set(ids_of(collect_pages(owner.api, PROJECTS, {"search": "Harbor"}))) == {active["id"], on_hold["id"]}


@pytest.mark.parametrize(
    "params,field_name",
    [
        ({"status": "paused"}, "status"),
        ({"ordering": "colour"}, "ordering"),
        ({"ordering": "-colour"}, "ordering"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"team_id": "not-a-uuid"}, "team_id"),
    ],
)
def test_list_invalid_query(make_user, params, field_name):
    owner = make_user()
    create_project(owner)

    expect_error(owner.api.get(PROJECTS, params=params), 400, "VALIDATION_ERROR", field_name)


def test_list_filter_on_hidden_team(make_user):
    owner = make_user()
    outsider = make_user()
    team = create_team(owner)
    create_project(owner, team_id=team["id"])

    hidden = outsider.api.get(PROJECTS, params={"team_id": team["id"]})
    missing = outsider.api.get(PROJECTS, params={"team_id": str(uuid.uuid4())})

    expect_error(hidden, 404, "NOT_FOUND")
    expect_error(missing, 404, "NOT_FOUND")
    assert hidden.json() == missing.json()


def test_list_limit_bounds(make_user):
    owner = make_user()
    create_project(owner)

    for limit in ("1", "200"):
        body = expect_success(owner.api.get(PROJECTS, params={"limit": limit}))
        assert body["meta"]["limit"] == int(limit), body
        assert len(body["data"]) == 1, body


def test_list_pages(make_user):
    owner = make_user()
    created = [create_project(owner)["id"] for _ in range(5)]

    first = expect_success(owner.api.get(PROJECTS, params={"limit": "2"}))
    every_item = collect_pages(owner.api, PROJECTS, {"limit": "2"})

    assert len(first["data"]) == 2, first
    assert first["meta"]["next_cursor"], first
    assert sorted(ids_of(every_item)) == sorted(created)


def test_get_project(crew):
    for account in (crew.owner, crew.manager, crew.member, crew.viewer):
        project = expect_data(account.api.get(f"{PROJECTS}/{crew.project_id}"))
        assert project["id"] == crew.project_id, account.username
        assert project["name"] == crew.project["name"], account.username
        assert project["key"] == crew.project["key"], account.username


def test_get_missing_project(crew):
    expect_error(crew.owner.api.get(f"{PROJECTS}/{uuid.uuid4()}"), 404, "NOT_FOUND")
    expect_error(crew.owner.api.get(f"{PROJECTS}/not-a-uuid"), 404, "NOT_FOUND")


def test_owner_updates_project(crew):
    path = f"{PROJECTS}/{crew.project_id}"
    changes = {
        "name": "Renamed",
        "description": "Changed scope",
        "status": "on_hold",
        "start_date": "2027-01-01",
        "due_date": "2027-12-31",
    }

    updated = expect_data(crew.owner.api.patch(path, changes))

    for field_name, value in changes.items():
        assert updated[field_name] == value, field_name
    after = expect_data(crew.viewer.api.get(path))
    for field_name, value in changes.items():
        assert after[field_name] == value, field_name
    assert after["key"] == crew.project["key"]


@pytest.mark.parametrize("status", ["active", "on_hold", "completed", "archived"])
def test_update_status(crew, status):
    updated = expect_data(crew.owner.api.patch(f"{PROJECTS}/{crew.project_id}", {"status": status}))

    assert updated["status"] == status
    assert expect_data(crew.member.api.get(f"{PROJECTS}/{crew.project_id}"))["status"] == status


@pytest.mark.parametrize(
    "body,field_name",
    [({"status": "paused"}, "status"), ({"name": ""}, "name"), ({"name": None}, "name"),
     ({"key": "lower"}, "key"), ({"due_date": "2027-13-01"}, "due_date")],
)
def test_update_invalid(crew, body, field_name):
    path = f"{PROJECTS}/{crew.project_id}"
    before = expect_data(crew.owner.api.get(path))

    expect_error(crew.owner.api.patch(path, body), 400, "VALIDATION_ERROR", field_name)

    assert expect_data(crew.owner.api.get(path)) == before


def test_update_to_taken_key(make_user):
    owner = make_user()
    key_owner = create_project(owner, key=unique_key())
    project = create_project(owner, key=unique_key())

    response = owner.api.patch(f"{PROJECTS}/{project['id']}", {"key": key_owner["key"]})

    expect_error(response, 400, "VALIDATION_ERROR", "key")
    assert expect_data(owner.api.get(f"{PROJECTS}/{project['id']}"))["key"] == project["key"]


def test_member_cannot_update(crew):
    path = f"{PROJECTS}/{crew.project_id}"

    expect_error(crew.member.api.patch(path, {"name": "Member rename"}), 403, "AUTHORIZATION_FAILED")

    assert expect_data(crew.owner.api.get(path))["name"] == crew.project["name"]


def test_owner_deletes_project(crew):
    path = f"{PROJECTS}/{crew.project_id}"

    response = crew.owner.api.delete(path)

    assert response.status_code == 204, response.text
    for account in (crew.owner, crew.member):
        expect_error(account.api.get(path), 404, "NOT_FOUND")
        assert crew.project_id not in ids_of(collect_pages(account.api, PROJECTS))
    expect_error(crew.owner.api.delete(path), 404, "NOT_FOUND")


@pytest.mark.parametrize("role_name", ["manager", "member"])
def test_non_owner_cannot_delete(crew, role_name):
    account = getattr(crew, role_name)
    path = f"{PROJECTS}/{crew.project_id}"

    expect_error(account.api.delete(path), 403, "AUTHORIZATION_FAILED")

    expect_data(crew.owner.api.get(path))


def test_team_member_counts_as_member(make_user):
    owner = make_user()
    teammate = make_user()
    team = create_team(owner)
    add_member(owner, "teams", team["id"], teammate.id, "member")
    project = create_project(owner, team_id=team["id"])
    path = f"{PROJECTS}/{project['id']}"

    assert expect_data(teammate.api.get(path))["id"] == project["id"]
    assert project["id"] in ids_of(collect_pages(teammate.api, PROJECTS))
    task = expect_data(teammate.api.post("/api/v1/tasks", {"project_id": project["id"], "title": "Team task"}), 201)
    assert task["project_id"] == project["id"]
    expect_error(teammate.api.post(f"{path}/milestones", {"name": "Not mine"}), 403, "AUTHORIZATION_FAILED")
    expect_error(teammate.api.patch(path, {"name": "Team rename"}), 403, "AUTHORIZATION_FAILED")


def test_admin_reads_any_project(crew, admin):
    path = f"{PROJECTS}/{crew.project_id}"

    project = expect_data(admin.api.get(path))

    assert project["id"] == crew.project_id
    assert crew.owner.id in {member["user_id"] for member in expect_data(admin.api.get(f"{path}/members"))}
    assert crew.project_id in ids_of(collect_pages(admin.api, PROJECTS, {"search": crew.project["name"]}))


@pytest.mark.parametrize(
    "path_template",
    [PROJECTS, f"{PROJECTS}/{{id}}/members", f"{PROJECTS}/{{id}}/milestones", PROJECT_TEMPLATES],
)
def test_documented_orderings(make_user, path_template):
    owner = make_user()
    projects = [create_project(owner, name=f"Ordered {name}") for name in ("Cedar", "alder", "Birch")]
    project_id = projects[0]["id"]
    for _ in range(3):
        add_project_member(owner, project_id, make_user().id, "member")
    for name, due_date in (("Second", "2027-02-01"), ("first", "2027-01-01"), ("Third", None)):
        create_milestone(owner, project_id, name=name, **({"due_date": due_date} if due_date else {}))
    for name in ("Gamma", "alpha", "Beta"):
        expect_data(owner.api.post(PROJECT_TEMPLATES, {"name": name}), 201)
    path = path_template.replace("{id}", project_id)
    orderings = documented_orderings(owner.api, path_template)

    for ordering in orderings:
        whole = collect_pages(owner.api, path, {"ordering": ordering, "limit": "200"})
        paged = collect_pages(owner.api, path, {"ordering": ordering, "limit": "2"})
        assert len(whole) >= 3, f"{ordering}: {whole}"
        assert paged == whole, f"{ordering}: pages of 2 differ from one page"
