"""Organizations: CRUD, member roles, the last-owner rule and hiding from non-members."""

import uuid

import pytest

from cairn_e2e.api import (
    TIMESTAMP_PATTERN,
    UUID_PATTERN,
    expect_data,
    expect_error,
    expect_success,
)
from cairn_e2e.groups import add_member, create_organization, listed_ids, member_roles

ORGS = "/api/v1/organizations"


@pytest.fixture
def org_setup(make_user):
    """An organization with an owner, an org admin and a plain member, plus an outsider."""
    owner = make_user()
    org_admin = make_user()
    member = make_user()
    outsider = make_user()
    organization = create_organization(owner, domain="example.test", settings={"week_start": "monday"})
    add_member(owner, "organizations", organization["id"], org_admin.id, "admin")
    add_member(owner, "organizations", organization["id"], member.id, "member")
    return {"owner": owner, "admin": org_admin, "member": member, "outsider": outsider, "org": organization}


def test_create_organization(make_user):
    owner = make_user()

    response = owner.api.post(ORGS, {"name": "Acme Ltd", "domain": "acme.test", "settings": {"color": "blue"}})

    organization = expect_data(response, 201)
    assert UUID_PATTERN.match(organization["id"]), organization
    assert organization["name"] == "Acme Ltd"
    assert organization["domain"] == "acme.test"
    assert organization["settings"] == {"color": "blue"}
    assert TIMESTAMP_PATTERN.match(organization["created_at"]), organization
    assert member_roles(owner, "organizations", organization["id"]) == {owner.id: "owner"}


def test_create_ignores_read_only_fields(make_user):
    owner = make_user()
    other = make_user()
    chosen_id = str(uuid.uuid4())

    organization = expect_data(
        owner.api.post(ORGS, {"name": "Read-only test", "id": chosen_id, "owner_id": other.id}), 201
    )

    assert organization["id"] != chosen_id
    assert member_roles(owner, "organizations", organization["id"]) == {owner.id: "owner"}
    expect_error(other.api.get(f"{ORGS}/{organization['id']}"), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "body,field_name",
    [({}, "name"), ({"name": ""}, "name"), ({"name": 5}, "name"), ({"name": "x", "settings": "5"}, "settings"),
     ({"name": "x", "domain": 5}, "domain"), ({"name": None}, "name")],
)
def test_create_invalid(make_user, body, field_name):
    owner = make_user()

    expect_error(owner.api.post(ORGS, body), 400, "VALIDATION_ERROR", field_name)

    assert expect_data(owner.api.get(ORGS)) == []


def test_list_own_organizations(org_setup):
    owner, member, outsider = org_setup["owner"], org_setup["member"], org_setup["outsider"]
    own = create_organization(outsider)

    assert org_setup["org"]["id"] in listed_ids(expect_data(owner.api.get(ORGS)))
    assert org_setup["org"]["id"] in listed_ids(expect_data(member.api.get(ORGS)))
    assert listed_ids(expect_data(outsider.api.get(ORGS))) == {own["id"]}


def test_list_paging(make_user):
    owner = make_user()
    created = {create_organization(owner)["id"] for _ in range(3)}
    seen: list[str] = []
    cursor = None

    for _ in range(5):
        params = {"limit": "2"}
        if cursor:
            params["cursor"] = cursor
        body = expect_success(owner.api.get(ORGS, params=params))
        assert len(body["data"]) <= 2
        assert body["meta"]["limit"] == 2
        seen.extend(item["id"] for item in body["data"])
        cursor = body["meta"]["next_cursor"]
        if not cursor:
            break

    assert len(seen) == len(set(seen)), f"a page repeated an organization: {seen}"
    assert set(seen) == created


def test_get_as_member(org_setup):
    organization = expect_data(org_setup["member"].api.get(f"{ORGS}/{org_setup['org']['id']}"))

    assert organization["id"] == org_setup["org"]["id"]
    assert organization["name"] == org_setup["org"]["name"]


def test_outsider_gets_404_everywhere(org_setup):
    outsider, owner, member = org_setup["outsider"], org_setup["owner"], org_setup["member"]
    org_id = org_setup["org"]["id"]
    before_roles = member_roles(owner, "organizations", org_id)
    before_org = expect_data(owner.api.get(f"{ORGS}/{org_id}"))
    requests_to_try = [
        ("GET", f"{ORGS}/{org_id}", None),
        ("PATCH", f"{ORGS}/{org_id}", {"name": "Hijacked"}),
        ("DELETE", f"{ORGS}/{org_id}", None),
        ("GET", f"{ORGS}/{org_id}/members", None),
        ("POST", f"{ORGS}/{org_id}/members", {"user_id": outsider.id, "role": "owner"}),
        ("PATCH", f"{ORGS}/{org_id}/members/{member.id}", {"role": "owner"}),
        ("DELETE", f"{ORGS}/{org_id}/members/{member.id}", None),
    ]

    for method, path, body in requests_to_try:
        options = {} if body is None else {"json_body": body}
        response = outsider.api.request(method, path, **options)
        expect_error(response, 404, "NOT_FOUND")

    assert member_roles(owner, "organizations", org_id) == before_roles
    assert expect_data(owner.api.get(f"{ORGS}/{org_id}")) == before_org


def test_outsider_404_matches_missing(org_setup):
    outsider = org_setup["outsider"]

    hidden = outsider.api.get(f"{ORGS}/{org_setup['org']['id']}")
    missing = outsider.api.get(f"{ORGS}/{uuid.uuid4()}")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_owner_updates_organization(org_setup):
    owner = org_setup["owner"]
    org_id = org_setup["org"]["id"]

    updated = expect_data(owner.api.patch(f"{ORGS}/{org_id}", {"name": "Renamed Org"}))

    assert updated["name"] == "Renamed Org"
    after = expect_data(owner.api.get(f"{ORGS}/{org_id}"))
    assert after["name"] == "Renamed Org"
    assert after["domain"] == "example.test"
    assert after["settings"] == {"week_start": "monday"}


def test_org_admin_updates_organization(org_setup):
    org_id = org_setup["org"]["id"]

    expect_data(org_setup["admin"].api.patch(f"{ORGS}/{org_id}", {"name": "Admin Renamed"}))

    assert expect_data(org_setup["owner"].api.get(f"{ORGS}/{org_id}"))["name"] == "Admin Renamed"


def test_member_cannot_update(org_setup):
    member, owner = org_setup["member"], org_setup["owner"]
    org_id = org_setup["org"]["id"]
    before = expect_data(owner.api.get(f"{ORGS}/{org_id}"))

    expect_error(member.api.patch(f"{ORGS}/{org_id}", {"name": "Member Renamed"}), 403, "AUTHORIZATION_FAILED")
    expect_error(member.api.delete(f"{ORGS}/{org_id}"), 403, "AUTHORIZATION_FAILED")

    assert expect_data(owner.api.get(f"{ORGS}/{org_id}")) == before


def test_update_invalid(org_setup):
    owner = org_setup["owner"]
    org_id = org_setup["org"]["id"]
    before = expect_data(owner.api.get(f"{ORGS}/{org_id}"))

    expect_error(owner.api.patch(f"{ORGS}/{org_id}", {"name": ""}), 400, "VALIDATION_ERROR", "name")
    expect_error(owner.api.patch(f"{ORGS}/{org_id}", {"name": 5}), 400, "VALIDATION_ERROR", "name")
    expect_error(owner.api.patch(f"{ORGS}/{org_id}", {"settings": []}), 400, "VALIDATION_ERROR", "settings")
    expect_error(
        owner.api.request("PATCH", f"{ORGS}/{org_id}", body=b'{"name": "trunc'), 400, "VALIDATION_ERROR"
    )

    assert expect_data(owner.api.get(f"{ORGS}/{org_id}")) == before


def test_owner_deletes_organization(org_setup):
    owner, member = org_setup["owner"], org_setup["member"]
    org_id = org_setup["org"]["id"]

    response = owner.api.delete(f"{ORGS}/{org_id}")

    assert response.status_code in (200, 204), response.text
    expect_error(owner.api.get(f"{ORGS}/{org_id}"), 404, "NOT_FOUND")
    expect_error(member.api.get(f"{ORGS}/{org_id}"), 404, "NOT_FOUND")
    assert org_id not in listed_ids(expect_data(owner.api.get(ORGS)))


def test_members_list(org_setup):
    roles = member_roles(org_setup["member"], "organizations", org_setup["org"]["id"])

    assert roles == {
        org_setup["owner"].id: "owner",
        org_setup["admin"].id: "admin",
        org_setup["member"].id: "member",
    }


def test_org_admin_adds_member(org_setup, make_user):
    newcomer = make_user()
    org_id = org_setup["org"]["id"]

    add_member(org_setup["admin"], "organizations", org_id, newcomer.id, "member")

    assert member_roles(org_setup["owner"], "organizations", org_id)[newcomer.id] == "member"
    expect_data(newcomer.api.get(f"{ORGS}/{org_id}"))


def test_member_cannot_add_members(org_setup, make_user):
    newcomer = make_user()
    org_id = org_setup["org"]["id"]
    before = member_roles(org_setup["owner"], "organizations", org_id)

    response = org_setup["member"].api.post(f"{ORGS}/{org_id}/members", {"user_id": newcomer.id, "role": "member"})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert member_roles(org_setup["owner"], "organizations", org_id) == before


def test_member_cannot_promote_self(org_setup):
    member, owner = org_setup["member"], org_setup["owner"]
    org_id = org_setup["org"]["id"]

    response = member.api.patch(f"{ORGS}/{org_id}/members/{member.id}", {"role": "owner"})

    expect_error(response, 403, "AUTHORIZATION_FAILED")
    assert member_roles(owner, "organizations", org_id)[member.id] == "member"


@pytest.mark.parametrize(
    "body,field_name",
    [({"role": "member"}, "user_id"), ({"user_id": "not-a-uuid", "role": "member"}, "user_id"),
     ({"user_id": 5, "role": "member"}, "user_id"), ({"role": "superowner"}, "role"), ({"role": 1}, "role"),
     ({"role": "Owner"}, "role")],
)
def test_add_member_invalid(org_setup, make_user, body, field_name):
    newcomer = make_user()
    owner = org_setup["owner"]
    org_id = org_setup["org"]["id"]
    before = member_roles(owner, "organizations", org_id)
    sent = dict(body)
    if "user_id" not in sent and field_name != "user_id":
        sent["user_id"] = newcomer.id

    response = owner.api.post(f"{ORGS}/{org_id}/members", sent)

    expect_error(response, 400, "VALIDATION_ERROR", field_name)
    assert member_roles(owner, "organizations", org_id) == before


def test_add_unknown_user(org_setup):
    owner = org_setup["owner"]
    org_id = org_setup["org"]["id"]
    before = member_roles(owner, "organizations", org_id)

    response = owner.api.post(f"{ORGS}/{org_id}/members", {"user_id": str(uuid.uuid4()), "role": "member"})

    expect_error(response, 400, "VALIDATION_ERROR", "user_id")
    assert member_roles(owner, "organizations", org_id) == before


def test_add_existing_member_again(org_setup):
    owner, member = org_setup["owner"], org_setup["member"]
    org_id = org_setup["org"]["id"]
    before = member_roles(owner, "organizations", org_id)

    response = owner.api.post(f"{ORGS}/{org_id}/members", {"user_id": member.id, "role": "admin"})

    assert response.status_code in (400, 409), response.text
    assert member_roles(owner, "organizations", org_id) == before


def test_change_member_role(org_setup):
    owner, member = org_setup["owner"], org_setup["member"]
    org_id = org_setup["org"]["id"]

    expect_data(owner.api.patch(f"{ORGS}/{org_id}/members/{member.id}", {"role": "admin"}))

    assert member_roles(owner, "organizations", org_id)[member.id] == "admin"


def test_remove_member(org_setup):
    owner, member = org_setup["owner"], org_setup["member"]
    org_id = org_setup["org"]["id"]

    response = owner.api.delete(f"{ORGS}/{org_id}/members/{member.id}")

    assert response.status_code in (200, 204), response.text
    assert member.id not in member_roles(owner, "organizations", org_id)
    expect_error(member.api.get(f"{ORGS}/{org_id}"), 404, "NOT_FOUND")


def test_last_owner_cannot_leave(org_setup):
    owner = org_setup["owner"]
    org_id = org_setup["org"]["id"]
    before = member_roles(owner, "organizations", org_id)

    demote = owner.api.patch(f"{ORGS}/{org_id}/members/{owner.id}", {"role": "admin"})
    remove = owner.api.delete(f"{ORGS}/{org_id}/members/{owner.id}")

    expect_error(demote, 409, "CONFLICT")
    expect_error(remove, 409, "CONFLICT")
    assert member_roles(owner, "organizations", org_id) == before


def test_second_owner_allows_demotion(org_setup):
    owner, org_admin = org_setup["owner"], org_setup["admin"]
    org_id = org_setup["org"]["id"]
    expect_data(owner.api.patch(f"{ORGS}/{org_id}/members/{org_admin.id}", {"role": "owner"}))

    expect_data(owner.api.patch(f"{ORGS}/{org_id}/members/{owner.id}", {"role": "member"}))

    roles = member_roles(org_admin, "organizations", org_id)
    assert roles[owner.id] == "member"
    assert roles[org_admin.id] == "owner"
    expect_error(
        org_admin.api.delete(f"{ORGS}/{org_id}/members/{org_admin.id}"), 409, "CONFLICT"
    )
    assert member_roles(org_admin, "organizations", org_id)[org_admin.id] == "owner"


def test_member_of_other_org_not_found(org_setup):
    owner = org_setup["owner"]
    org_id = org_setup["org"]["id"]

    response = owner.api.patch(f"{ORGS}/{org_id}/members/{org_setup['outsider'].id}", {"role": "admin"})

    expect_error(response, 404, "NOT_FOUND")


def test_organizations_require_authentication(api, org_setup):
    expect_error(api.get(ORGS), 401, "AUTHENTICATION_FAILED")
    expect_error(api.post(ORGS, {"name": "x"}), 401, "AUTHENTICATION_FAILED")
    expect_error(api.get(f"{ORGS}/{org_setup['org']['id']}"), 401, "AUTHENTICATION_FAILED")


def test_site_admin_sees_organization(org_setup, admin):
    organization = expect_data(admin.api.get(f"{ORGS}/{org_setup['org']['id']}"))

    assert organization["id"] == org_setup["org"]["id"]
