"""Teams: CRUD, member roles, the last-owner rule and hiding from non-members."""

import uuid

import pytest

from cairn_e2e.api import UUID_PATTERN, expect_data, expect_error, expect_not_found
from cairn_e2e.groups import add_member, create_organization, create_team, listed_ids, member_roles

TEAMS = "/api/v1/teams"


@pytest.fixture
def team_setup(make_user):
    """A team with an owner, a team admin and a plain member, plus an outsider."""
    owner = make_user()
    team_admin = make_user()
    member = make_user()
    outsider = make_user()
    team = create_team(owner, description="Builds things")
    add_member(owner, "teams", team["id"], team_admin.id, "admin")
    add_member(owner, "teams", team["id"], member.id, "member")
    return {"owner": owner, "admin": team_admin, "member": member, "outsider": outsider, "team": team}


def test_create_team(make_user):
    owner = make_user()

    team = expect_data(owner.api.post(TEAMS, {"name": "Platform", "description": "Runs the platform"}), 201)

    assert UUID_PATTERN.match(team["id"]), team
    assert team["name"] == "Platform"
    assert team["description"] == "Runs the platform"
    assert team["owner_id"] == owner.id
    assert member_roles(owner, "teams", team["id"]) == {owner.id: "owner"}


def test_create_team_in_organization(make_user):
    owner = make_user()
    organization = create_organization(owner)

    team = expect_data(owner.api.post(TEAMS, {"name": "Org team", "organization_id": organization["id"]}), 201)

    assert team["organization_id"] == organization["id"]


def test_team_in_hidden_organization(make_user):
    owner = make_user()
    outsider = make_user()
    organization = create_organization(owner)

    hidden = outsider.api.post(TEAMS, {"name": "Sneaky", "organization_id": organization["id"]})
    missing = outsider.api.post(TEAMS, {"name": "Sneaky", "organization_id": str(uuid.uuid4())})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "organization_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "organization_id")
    assert hidden_error == missing_error
    assert expect_data(outsider.api.get(TEAMS)) == []


def test_create_ignores_owner_id(make_user):
    owner = make_user()
    other = make_user()

    team = expect_data(owner.api.post(TEAMS, {"name": "Mine", "owner_id": other.id, "id": str(uuid.uuid4())}), 201)

    assert team["owner_id"] == owner.id
    expect_not_found(other.api.get(f"{TEAMS}/{team['id']}"))


@pytest.mark.parametrize(
    "body,field_name",
    [({}, "name"), ({"name": ""}, "name"), ({"name": 5}, "name"), ({"name": "x", "description": 5}, "description"),
     ({"name": "x", "organization_id": "not-a-uuid"}, "organization_id"),
     ({"name": "x", "organization_id": 5}, "organization_id")],
)
def test_create_invalid(make_user, body, field_name):
    owner = make_user()

    expect_error(owner.api.post(TEAMS, body), 400, "VALIDATION_ERROR", field_name)

    assert expect_data(owner.api.get(TEAMS)) == []


def test_list_own_teams(team_setup):
    owner, member, outsider = team_setup["owner"], team_setup["member"], team_setup["outsider"]

    assert team_setup["team"]["id"] in listed_ids(expect_data(owner.api.get(TEAMS)))
    assert team_setup["team"]["id"] in listed_ids(expect_data(member.api.get(TEAMS)))
    assert team_setup["team"]["id"] not in listed_ids(expect_data(outsider.api.get(TEAMS)))


def test_get_as_member(team_setup):
    team = expect_data(team_setup["member"].api.get(f"{TEAMS}/{team_setup['team']['id']}"))

    assert team["id"] == team_setup["team"]["id"]
    assert team["owner_id"] == team_setup["owner"].id


def test_outsider_gets_404_everywhere(team_setup):
    outsider, owner, member = team_setup["outsider"], team_setup["owner"], team_setup["member"]
    team_id = team_setup["team"]["id"]
    before_roles = member_roles(owner, "teams", team_id)
    before_team = expect_data(owner.api.get(f"{TEAMS}/{team_id}"))
    requests_to_try = [
        ("GET", f"{TEAMS}/{team_id}", None),
        ("PATCH", f"{TEAMS}/{team_id}", {"name": "Hijacked"}),
        ("DELETE", f"{TEAMS}/{team_id}", None),
        ("GET", f"{TEAMS}/{team_id}/members", None),
        ("POST", f"{TEAMS}/{team_id}/members", {"user_id": outsider.id, "role": "owner"}),
        ("PATCH", f"{TEAMS}/{team_id}/members/{member.id}", {"role": "owner"}),
        ("DELETE", f"{TEAMS}/{team_id}/members/{member.id}", None),
    ]

    for method, path, body in requests_to_try:
        options = {} if body is None else {"json_body": body}
        expect_not_found(outsider.api.request(method, path, **options))

    assert member_roles(owner, "teams", team_id) == before_roles
    assert expect_data(owner.api.get(f"{TEAMS}/{team_id}")) == before_team


def test_outsider_404_matches_missing(team_setup):
    outsider = team_setup["outsider"]

    hidden = outsider.api.get(f"{TEAMS}/{team_setup['team']['id']}")
    missing = outsider.api.get(f"{TEAMS}/{uuid.uuid4()}")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_owner_updates_team(team_setup):
    owner = team_setup["owner"]
    team_id = team_setup["team"]["id"]

    updated = expect_data(owner.api.patch(f"{TEAMS}/{team_id}", {"name": "Renamed Team"}))

    assert updated["name"] == "Renamed Team"
    after = expect_data(owner.api.get(f"{TEAMS}/{team_id}"))
    assert after["name"] == "Renamed Team"
    assert after["description"] == "Builds things"


def test_member_cannot_update_or_delete(team_setup):
    member, owner = team_setup["member"], team_setup["owner"]
    team_id = team_setup["team"]["id"]
    before = expect_data(owner.api.get(f"{TEAMS}/{team_id}"))

    expect_error(member.api.patch(f"{TEAMS}/{team_id}", {"name": "Member Renamed"}), 403, "AUTHORIZATION_FAILED")
    expect_error(member.api.delete(f"{TEAMS}/{team_id}"), 403, "AUTHORIZATION_FAILED")

    assert expect_data(owner.api.get(f"{TEAMS}/{team_id}")) == before


def test_owner_deletes_team(team_setup):
    owner, member = team_setup["owner"], team_setup["member"]
    team_id = team_setup["team"]["id"]

    response = owner.api.delete(f"{TEAMS}/{team_id}")

    assert response.status_code in (200, 204), response.text
    expect_not_found(owner.api.get(f"{TEAMS}/{team_id}"))
    expect_not_found(member.api.get(f"{TEAMS}/{team_id}"))


def test_members_list(team_setup):
    roles = member_roles(team_setup["member"], "teams", team_setup["team"]["id"])

    assert roles == {
        team_setup["owner"].id: "owner",
        team_setup["admin"].id: "admin",
        team_setup["member"].id: "member",
    }


def test_member_cannot_add_members(team_setup, make_user):
    newcomer = make_user()
    team_id = team_setup["team"]["id"]
    before = member_roles(team_setup["owner"], "teams", team_id)

    response = team_setup["member"].api.post(f"{TEAMS}/{team_id}/members", {"user_id": newcomer.id, "role": "member"})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert member_roles(team_setup["owner"], "teams", team_id) == before


@pytest.mark.parametrize(
    "body,field_name",
    [({"role": "member"}, "user_id"), ({"user_id": "not-a-uuid", "role": "member"}, "user_id"),
     ({"role": "captain"}, "role"), ({"role": 2}, "role")],
)
def test_add_member_invalid(team_setup, make_user, body, field_name):
    newcomer = make_user()
    owner = team_setup["owner"]
    team_id = team_setup["team"]["id"]
    before = member_roles(owner, "teams", team_id)
    sent = dict(body)
    if "user_id" not in sent and field_name != "user_id":
        sent["user_id"] = newcomer.id

    response = owner.api.post(f"{TEAMS}/{team_id}/members", sent)

    expect_error(response, 400, "VALIDATION_ERROR", field_name)
    assert member_roles(owner, "teams", team_id) == before


def test_add_unknown_user(team_setup):
    owner = team_setup["owner"]
    team_id = team_setup["team"]["id"]

    response = owner.api.post(f"{TEAMS}/{team_id}/members", {"user_id": str(uuid.uuid4()), "role": "member"})

    expect_error(response, 400, "VALIDATION_ERROR", "user_id")


def test_change_and_remove_member(team_setup):
    owner, member = team_setup["owner"], team_setup["member"]
    team_id = team_setup["team"]["id"]

    expect_data(owner.api.patch(f"{TEAMS}/{team_id}/members/{member.id}", {"role": "admin"}))
    assert member_roles(owner, "teams", team_id)[member.id] == "admin"

    response = owner.api.delete(f"{TEAMS}/{team_id}/members/{member.id}")

    assert response.status_code in (200, 204), response.text
    assert member.id not in member_roles(owner, "teams", team_id)
    expect_not_found(member.api.get(f"{TEAMS}/{team_id}"))


def test_last_owner_cannot_leave(team_setup):
    owner = team_setup["owner"]
    team_id = team_setup["team"]["id"]
    before = member_roles(owner, "teams", team_id)

    demote = owner.api.patch(f"{TEAMS}/{team_id}/members/{owner.id}", {"role": "member"})
    remove = owner.api.delete(f"{TEAMS}/{team_id}/members/{owner.id}")

    expect_error(demote, 409, "CONFLICT")
    expect_error(remove, 409, "CONFLICT")
    assert member_roles(owner, "teams", team_id) == before


def test_teams_require_authentication(api, team_setup):
    expect_error(api.get(TEAMS), 401, "AUTHENTICATION_FAILED")
    expect_error(api.get(f"{TEAMS}/{team_setup['team']['id']}"), 401, "AUTHENTICATION_FAILED")


def test_site_admin_sees_team(team_setup, admin):
    team = expect_data(admin.api.get(f"{TEAMS}/{team_setup['team']['id']}"))

    assert team["id"] == team_setup["team"]["id"]
