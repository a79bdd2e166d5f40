"""The user directory: who can see whom, the `ids` and `search` filters, and user summaries.

A caller sees only users who share an organization or team with them; admins see everyone.
Directory entries are fed by events, so positive checks poll for a few seconds.
"""

import uuid

import pytest

from cairn_e2e.api import expect_data, expect_error, expect_not_found, expect_success, poll_until
from cairn_e2e.groups import add_member, create_organization, create_team, listed_ids

DIRECTORY = "/api/v1/users"
SUMMARY_FIELDS = {"id", "username", "first_name", "last_name", "avatar_url"}
PROPAGATION_SECONDS = 6


def directory_ids(account, **params) -> set[str]:
    return listed_ids(expect_data(account.api.get(DIRECTORY, params=params or None)))


def eventually_visible(viewer, target_id) -> bool:
    return poll_until(lambda: viewer.api.get(f"{DIRECTORY}/{target_id}").status_code == 200, PROPAGATION_SECONDS)


@pytest.fixture
def circle(make_user, admin):
    """Three users: `owner` and `colleague` share an organization, `stranger` shares nothing."""
    owner = make_user()
    colleague = make_user()
    stranger = make_user()
    organization = create_organization(owner)
    add_member(owner, "organizations", organization["id"], colleague.id)
    for account in (owner, colleague, stranger):
        assert eventually_visible(admin, account.id), f"admin cannot see {account.username} in the directory"
    return {"owner": owner, "colleague": colleague, "stranger": stranger, "organization": organization}


def test_directory_shows_org_members(circle):
    owner, colleague = circle["owner"], circle["colleague"]

    assert eventually_visible(owner, colleague.id)
    assert eventually_visible(colleague, owner.id)
    assert colleague.id in directory_ids(owner)
    assert owner.id in directory_ids(colleague)


def test_directory_hides_strangers(circle):
    owner, stranger = circle["owner"], circle["stranger"]

    expect_not_found(owner.api.get(f"{DIRECTORY}/{stranger.id}"))
    expect_not_found(stranger.api.get(f"{DIRECTORY}/{owner.id}"))
    assert stranger.id not in directory_ids(owner)
    assert owner.id not in directory_ids(stranger)
    assert stranger.id not in directory_ids(owner, ids=stranger.id)
    assert stranger.id not in directory_ids(owner, search=stranger.username)


def test_hidden_and_missing_look_alike(circle):
    owner, stranger = circle["owner"], circle["stranger"]

    hidden = owner.api.get(f"{DIRECTORY}/{stranger.id}")
    missing = owner.api.get(f"{DIRECTORY}/{uuid.uuid4()}")

    expect_not_found(hidden)
    expect_not_found(missing)
    assert hidden.json() == missing.json()


def test_directory_via_team(circle):
    owner, stranger = circle["owner"], circle["stranger"]
    team = create_team(owner)

    add_member(owner, "teams", team["id"], stranger.id)

    assert eventually_visible(owner, stranger.id)
    assert eventually_visible(stranger, owner.id)


def test_admin_sees_everyone(circle, admin):
    stranger = circle["stranger"]

    summary = expect_data(admin.api.get(f"{DIRECTORY}/{stranger.id}"))

    assert summary["id"] == stranger.id
    assert stranger.id in directory_ids(admin, ids=stranger.id)


def test_summary_fields_without_email(circle):
    owner, colleague = circle["owner"], circle["colleague"]
    assert eventually_visible(owner, colleague.id)

    summary = expect_data(owner.api.get(f"{DIRECTORY}/{colleague.id}"))

    assert SUMMARY_FIELDS <= set(summary), f"missing summary fields: {SUMMARY_FIELDS - set(summary)}"
    assert "email" not in summary
    assert summary["id"] == colleague.id
    assert summary["username"] == colleague.username
    assert summary["first_name"] == colleague.first_name
    assert summary["last_name"] == colleague.last_name


def test_directory_list_has_no_email(circle):
    owner, colleague = circle["owner"], circle["colleague"]
    assert eventually_visible(owner, colleague.id)

    response = owner.api.get(DIRECTORY)

    entries = expect_data(response)
    assert entries, "the directory is empty for a user with an organization colleague"
    for entry in entries:
        assert "email" not in entry, entry
    assert colleague.email not in response.text


def test_directory_ids_filter(circle):
    owner, colleague, stranger = circle["owner"], circle["colleague"], circle["stranger"]
    assert eventually_visible(owner, colleague.id)

    ids = directory_ids(owner, ids=f"{colleague.id},{stranger.id}")

    assert ids == {colleague.id}


def test_admin_ids_filter(circle, admin):
    colleague, stranger = circle["colleague"], circle["stranger"]

    ids = directory_ids(admin, ids=f"{colleague.id},{stranger.id}")

    assert ids == {colleague.id, stranger.id}


def test_directory_search(circle):
    owner, colleague = circle["owner"], circle["colleague"]
    assert eventually_visible(owner, colleague.id)

    ids = directory_ids(owner, search=colleague.username)

    assert colleague.id in ids
    assert circle["stranger"].id not in ids


@pytest.mark.parametrize("pattern", ["%", "%%", "*", ".*"])
def test_search_wildcards_are_literal(circle, pattern):
    owner, colleague = circle["owner"], circle["colleague"]
    assert eventually_visible(owner, colleague.id)

    ids = directory_ids(owner, search=pattern)

    assert colleague.id not in ids, f"search={pattern!r} matched {colleague.username}"


def test_directory_meta(circle):
    body = expect_success(circle["owner"].api.get(DIRECTORY))

    assert isinstance(body["data"], list)
    assert body["meta"]["limit"] == 50
    assert "next_cursor" in body["meta"]


def test_directory_paging(circle, admin):
    seen: list[str] = []
    cursor = None
    for _ in range(3):
        params = {"limit": "1", "ids": ",".join(circle[name].id for name in ("owner", "colleague", "stranger"))}
        if cursor:
            params["cursor"] = cursor
        body = expect_success(admin.api.get(DIRECTORY, params=params))
        assert len(body["data"]) <= 1
        seen.extend(entry["id"] for entry in body["data"])
        cursor = body["meta"]["next_cursor"]
        if not cursor:
            break

    assert len(seen) == len(set(seen)), f"a page repeated an entry: {seen}"
    assert set(seen) == {circle[name].id for name in ("owner", "colleague", "stranger")}


@pytest.mark.parametrize(
    "params",
    [{"limit": "0"}, {"limit": "201"}, {"limit": "-1"}, {"limit": "abc"}, {"cursor": "not-a-cursor"},
     {"ids": "not-a-uuid"}, {"ids": "00000000-0000-0000-0000-00000000000g"}, {"search": "a\u0000b"},
     {"cursor": "eyJpZCI6IDF9"}, {"ordering": "no_such_field"}, {"ordering": "-password"}],
    ids=lambda params: "&".join(f"{name}={value!r}" for name, value in params.items()),
)
def test_directory_bad_query(circle, params):
    response = circle["owner"].api.get(DIRECTORY, params=params)

    expect_error(response, 400, "VALIDATION_ERROR")


def test_directory_limit_maximum(circle):
    body = expect_success(circle["owner"].api.get(DIRECTORY, params={"limit": "200"}))

    assert body["meta"]["limit"] == 200


def test_removed_member_disappears(circle):
    owner, colleague, organization = circle["owner"], circle["colleague"], circle["organization"]
    assert eventually_visible(owner, colleague.id)

    response = owner.api.delete(f"/api/v1/organizations/{organization['id']}/members/{colleague.id}")

    assert response.status_code in (200, 204), response.text
    hidden = poll_until(
        lambda: owner.api.get(f"{DIRECTORY}/{colleague.id}").status_code == 404, PROPAGATION_SECONDS
    )
    assert hidden, "a removed organization member is still visible after 6 s"


def test_directory_requires_authentication(api, circle):
    expect_error(api.get(DIRECTORY), 401, "AUTHENTICATION_FAILED")
    expect_error(api.get(f"{DIRECTORY}/{circle['owner'].id}"), 401, "AUTHENTICATION_FAILED")
