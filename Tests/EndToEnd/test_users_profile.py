"""The caller's profile: GET, and PUT and PATCH as partial updates."""

import json
import uuid

import pytest

from cairn_e2e.api import Api, expect_client_error, expect_data, expect_error, poll_until

PROFILE = "/api/v1/users/profile"
PROFILE_FIELDS = {"avatar_url", "bio", "timezone", "language", "notification_preferences"}

# The profile is created from the user.registered event, which may arrive a moment after
# registration returns.
PROFILE_WAIT_SECONDS = 5


def read_profile(account) -> dict:
    responses = []

    def profile_exists() -> bool:
        responses.append(account.api.get(PROFILE))
        return responses[-1].status_code == 200

    poll_until(profile_exists, PROFILE_WAIT_SECONDS)
    return expect_data(responses[-1])


@pytest.fixture
def profiled_user(make_user):
    """A user whose profile has known values in every field."""
    account = make_user()
    read_profile(account)
    expect_data(account.api.patch(PROFILE, {
        "bio": "Original bio",
        "timezone": "Europe/Berlin",
        "language": "de",
        "avatar_url": "https://example.test/avatar.png",
        "notification_preferences": {"task_assigned": {"in_app": True, "email": False}},
    }))
    return account


def test_profile_exists_after_register(make_user):
    account = make_user()

    profile = read_profile(account)

    assert PROFILE_FIELDS <= set(profile), f"missing profile fields: {PROFILE_FIELDS - set(profile)}"


@pytest.mark.parametrize("method", ["PATCH", "PUT"])
def test_profile_partial_update(profiled_user, method):
    response = profiled_user.api.request(method, PROFILE, json_body={"bio": f"Updated by {method}"})

    updated = expect_data(response)
    assert updated["bio"] == f"Updated by {method}"
    profile = read_profile(profiled_user)
    assert profile["bio"] == f"Updated by {method}"
    assert profile["timezone"] == "Europe/Berlin"
    assert profile["language"] == "de"
    assert profile["avatar_url"] == "https://example.test/avatar.png"
    assert profile["notification_preferences"] == {"task_assigned": {"in_app": True, "email": False}}


@pytest.mark.parametrize("timezone", ["America/Argentina/Buenos_Aires", "UTC", "Asia/Kolkata", "Pacific/Chatham"])
def test_profile_valid_timezone(profiled_user, timezone):
    expect_data(profiled_user.api.patch(PROFILE, {"timezone": timezone}))

    assert read_profile(profiled_user)["timezone"] == timezone


@pytest.mark.parametrize(
    "timezone",
    ["Mars/Olympus_Mons", "Europe/Berlín", "", "../../etc/passwd", "Europe/Berlin\u0000", "+05:00", "x" * 300, "/etc/localtime"],
)
def test_profile_invalid_timezone(profiled_user, timezone):
    before = read_profile(profiled_user)

    response = profiled_user.api.patch(PROFILE, {"timezone": timezone})

    expect_error(response, 400, "VALIDATION_ERROR", "timezone")
    assert read_profile(profiled_user) == before


@pytest.mark.parametrize(
    "field_name,value",
    [
        ("timezone", 5),
        ("bio", 5),
        ("bio", ["text"]),
        ("language", 42),
        ("avatar_url", {"url": "x"}),
        ("notification_preferences", "5"),
        ("notification_preferences", ["task_assigned"]),
    ],
)
def test_profile_wrong_type(profiled_user, field_name, value):
    before = read_profile(profiled_user)

    response = profiled_user.api.patch(PROFILE, {field_name: value})

    expect_error(response, 400, "VALIDATION_ERROR", field_name)
    assert read_profile(profiled_user) == before


def test_profile_invalid_field_rejects_whole_update(profiled_user):
    before = read_profile(profiled_user)

    response = profiled_user.api.patch(PROFILE, {"bio": "Should not be stored", "timezone": "Nowhere/Special"})

    expect_error(response, 400, "VALIDATION_ERROR", "timezone")
    assert read_profile(profiled_user) == before


def test_profile_ignores_read_only_fields(profiled_user, make_user):
    other = make_user()
    before = read_profile(profiled_user)
    chosen_id = str(uuid.uuid4())

    response = profiled_user.api.patch(
        PROFILE,
        {"id": chosen_id, "user_id": other.id, "created_at": "2000-01-01T00:00:00.000Z", "bio": "Changed bio"},
    )

    expect_data(response)
    after = read_profile(profiled_user)
    assert after["bio"] == "Changed bio"
    for key in ("id", "user_id", "created_at"):
        if key in before:
            assert after[key] == before[key], key
    assert read_profile(other)["bio"] != "Changed bio"


# Bodies that are not a JSON object, or not valid JSON text.
MALFORMED_PROFILE_BODIES = {
    "truncated": b'{"bio": "Malformed',
    "not an object": b'["bio", "Malformed"]',
    "string": b'"bio"',
    "null": b"null",
    "invalid utf-8": b'{"bio": "\xff\xfe"}',
    "overlong encoding": b'{"bio": "\xc0\xaf"}',
    "escaped lone surrogate": b'{"bio": "\\udc00"}',
    "raw NUL byte": b'{"bio": "a\x00b"}',
    "empty": b"",
}


@pytest.mark.parametrize("case", sorted(MALFORMED_PROFILE_BODIES))
def test_profile_malformed_body(profiled_user, case):
    before = read_profile(profiled_user)

    response = profiled_user.api.request("PATCH", PROFILE, body=MALFORMED_PROFILE_BODIES[case])

    expect_error(response, 400, "VALIDATION_ERROR")
    assert read_profile(profiled_user) == before


def test_profile_nul_in_bio(profiled_user):
    before = read_profile(profiled_user)

    response = profiled_user.api.patch(PROFILE, {"bio": "before\u0000after"})

    expect_client_error(response)
    assert read_profile(profiled_user) == before


def test_profile_one_megabyte_bio(profiled_user):
    before = read_profile(profiled_user)

    response = profiled_user.api.patch(PROFILE, {"bio": "b" * (1024 * 1024)})

    expect_client_error(response)
    assert read_profile(profiled_user) == before


def test_profile_deep_nesting(profiled_user):
    before = read_profile(profiled_user)
    nested = "[" * 10_000 + "]" * 10_000
    raw = ('{"notification_preferences": ' + nested + "}").encode()

    response = profiled_user.api.request("PATCH", PROFILE, body=raw)

    expect_client_error(response)
    assert read_profile(profiled_user) == before


def test_profile_unicode_round_trip(profiled_user):
    bio = "Zürich 東京 🚀 \"quoted\" \\ backslash <b>not html</b>"

    expect_data(profiled_user.api.patch(PROFILE, {"bio": bio}))

    assert read_profile(profiled_user)["bio"] == bio


def test_profile_requires_authentication(api):
    expect_error(api.get(PROFILE), 401, "AUTHENTICATION_FAILED")
    expect_error(api.patch(PROFILE, {"bio": "x"}), 401, "AUTHENTICATION_FAILED")


def test_profile_empty_patch(profiled_user):
    before = read_profile(profiled_user)

    expect_data(profiled_user.api.patch(PROFILE, {}))

    after = read_profile(profiled_user)
    for field_name in PROFILE_FIELDS:
        assert after[field_name] == before[field_name], field_name


def test_profile_response_is_json_text(profiled_user):
    expect_data(profiled_user.api.patch(PROFILE, {"bio": "<script>alert(1)</script>"}))

    response = profiled_user.api.get(PROFILE)

    assert response.headers["Content-Type"].startswith("application/json")
    assert json.loads(response.text)["data"]["bio"] == "<script>alert(1)</script>"
