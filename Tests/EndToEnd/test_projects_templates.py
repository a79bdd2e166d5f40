"""Project templates: creation, listing, and instantiation into a project with milestones and tasks.

A template's milestones and tasks are placed `day_offset` days after the new project's `start_date`,
which defaults to today.
"""

import datetime

import pytest

from cairn_e2e.api import UUID_PATTERN, expect_data, expect_error
from cairn_e2e.groups import create_team
from cairn_e2e.projects import (
    PROJECT_TEMPLATES,
    PROJECTS,
    collect_pages,
    ids_of,
    project_roles,
    project_tasks,
    reference_wording,
)

TEMPLATE_BODY = {
    "name": "Product launch",
    "description": "Everything a launch needs",
    "milestones": [
        {"name": "Kickoff", "day_offset": 0},
        {"name": "Beta", "day_offset": 30},
        {"name": "Launch", "day_offset": 61},
    ],
    "tasks": [
        {"title": "Write the brief", "priority": "high", "day_offset": 2},
        {"title": "Book the venue", "priority": "low", "day_offset": 14},
        {"title": "Press release", "priority": "urgent", "day_offset": 60},
        {"title": "Retrospective", "priority": "medium", "day_offset": 75},
    ],
}


def create_template(account, body=None) -> dict:
    return expect_data(account.api.post(PROJECT_TEMPLATES, body or TEMPLATE_BODY), 201)


def instantiate(account, template_id, body) -> dict:
    return expect_data(account.api.post(f"{PROJECT_TEMPLATES}/{template_id}/instantiate", body), 201)


def shifted(start: str, days: int) -> str:
    return (datetime.date.fromisoformat(start) + datetime.timedelta(days=days)).isoformat()


def utc_today() -> str:
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def test_create_template(make_user):
    owner = make_user()

    template = create_template(owner)

    assert UUID_PATTERN.match(template["id"]), template
    assert template["name"] == "Product launch"
    assert template["description"] == "Everything a launch needs"
    assert [(item["name"], item["day_offset"]) for item in template["milestones"]] == [
        ("Kickoff", 0), ("Beta", 30), ("Launch", 61),
    ]
    assert [(item["title"], item["priority"], item["day_offset"]) for item in template["tasks"]] == [
        (item["title"], item["priority"], item["day_offset"]) for item in TEMPLATE_BODY["tasks"]
    ]


def test_list_templates(make_user):
    owner = make_user()
    template = create_template(owner)

    listed = collect_pages(owner.api, PROJECT_TEMPLATES)

    assert template["id"] in ids_of(listed)


@pytest.mark.parametrize(
    "body,field_name",
    [
        ({"milestones": [], "tasks": []}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x", "milestones": "Kickoff"}, "milestones"),
        ({"name": "x", "tasks": {"title": "One"}}, "tasks"),
    ],
)
def test_create_invalid(make_user, body, field_name):
    owner = make_user()

    expect_error(owner.api.post(PROJECT_TEMPLATES, body), 400, "VALIDATION_ERROR", field_name)

    assert collect_pages(owner.api, PROJECT_TEMPLATES) == []


@pytest.mark.parametrize(
    "item_field,item",
    [
        ("milestones", {"day_offset": 3}),
        ("milestones", {"name": "No offset"}),
        ("milestones", {"name": "Text offset", "day_offset": "3"}),
        ("tasks", {"priority": "low", "day_offset": 1}),
        ("tasks", {"title": "Bad priority", "priority": "critical", "day_offset": 1}),
        ("tasks", {"title": "No offset", "priority": "low"}),
    ],
)
def test_create_invalid_item(make_user, item_field, item):
    owner = make_user()
    body = {"name": "Broken template", item_field: [item]}

    response = owner.api.post(PROJECT_TEMPLATES, body)

    error = expect_error(response, 400, "VALIDATION_ERROR")
    assert any(name.startswith(item_field) for name in error.get("details", {})), error
    assert collect_pages(owner.api, PROJECT_TEMPLATES) == []


def test_instantiate_with_start_date(make_user):
    owner = make_user()
    template = create_template(owner)
    start = "2027-03-01"

    project = instantiate(owner, template["id"], {"name": "Spring launch", "start_date": start})

    assert UUID_PATTERN.match(project["id"]), project
    assert project["name"] == "Spring launch"
    assert project["start_date"] == start
    assert project_roles(owner, project["id"]) == {owner.id: "owner"}

    milestones = collect_pages(owner.api, f"{PROJECTS}/{project['id']}/milestones")
    assert sorted((item["name"], item["due_date"]) for item in milestones) == sorted(
        (item["name"], shifted(start, item["day_offset"])) for item in TEMPLATE_BODY["milestones"]
    )
    assert all(item["status"] == "open" for item in milestones), milestones

    tasks = project_tasks(owner, project["id"])
    assert sorted((task["title"], task["priority"], task["due_date"]) for task in tasks) == sorted(
        (item["title"], item["priority"], shifted(start, item["day_offset"])) for item in TEMPLATE_BODY["tasks"]
    )
    assert sorted(task["number"] for task in tasks) == [1, 2, 3, 4]
    assert all(task["status"] == "todo" for task in tasks), tasks
    assert all(task["project_id"] == project["id"] for task in tasks), tasks


def test_instantiate_starts_today(make_user):
    owner = make_user()
    template = create_template(owner)
    today_before = utc_today()

    project = instantiate(owner, template["id"], {"name": "Starts today"})

    today_after = utc_today()
    start = project["start_date"]
    assert start in (today_before, today_after), project
    milestones = collect_pages(owner.api, f"{PROJECTS}/{project['id']}/milestones")
    assert sorted(item["due_date"] for item in milestones) == sorted(
        shifted(start, item["day_offset"]) for item in TEMPLATE_BODY["milestones"]
    )
    tasks = project_tasks(owner, project["id"])
    assert sorted(task["due_date"] for task in tasks) == sorted(
        shifted(start, item["day_offset"]) for item in TEMPLATE_BODY["tasks"]
    )


def test_instantiate_twice(make_user):
    owner = make_user()
    template = create_template(owner)

    first = instantiate(owner, template["id"], {"name": "First copy", "start_date": "2027-01-04"})
    second = instantiate(owner, template["id"], {"name": "Second copy", "start_date": "2027-02-01"})

    assert first["id"] != second["id"]
    assert first["key"] != second["key"]
    assert sorted(task["number"] for task in project_tasks(owner, second["id"])) == [1, 2, 3, 4]
    assert {project["id"] for project in collect_pages(owner.api, PROJECTS)} >= {first["id"], second["id"]}


def test_instantiate_empty_template(make_user):
    owner = make_user()
    template = create_template(owner, {"name": "Empty"})

    project = instantiate(owner, template["id"], {"name": "Nothing inside", "start_date": "2027-01-01"})

    assert collect_pages(owner.api, f"{PROJECTS}/{project['id']}/milestones") == []
    assert project_tasks(owner, project["id"]) == []


@pytest.mark.parametrize(
    "body,field_name",
    [({}, "name"), ({"name": ""}, "name"), ({"name": "x", "start_date": "2027-02-30"}, "start_date"),
     ({"name": "x", "key": "bad key"}, "key")],
)
def test_instantiate_invalid(make_user, body, field_name):
    owner = make_user()
    template = create_template(owner)

    response = owner.api.post(f"{PROJECT_TEMPLATES}/{template['id']}/instantiate", body)

    expect_error(response, 400, "VALIDATION_ERROR", field_name)
    assert collect_pages(owner.api, PROJECTS) == []


def test_instantiate_in_hidden_team(make_user):
    owner = make_user()
    team_owner = make_user()
    team = create_team(team_owner)
    template = create_template(owner)
    missing_id = "00000000-0000-4000-8000-000000000000"
    path = f"{PROJECT_TEMPLATES}/{template['id']}/instantiate"

    hidden = owner.api.post(path, {"name": "Sneaky", "team_id": team["id"]})
    missing = owner.api.post(path, {"name": "Sneaky", "team_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "team_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "team_id")
    assert reference_wording(hidden_error, "team_id", team["id"]) == reference_wording(
        missing_error, "team_id", missing_id
    )
    assert collect_pages(owner.api, PROJECTS) == []


def test_instantiate_missing_template(make_user):
    owner = make_user()

    response = owner.api.post(f"{PROJECT_TEMPLATES}/00000000-0000-4000-8000-000000000000/instantiate",
                              {"name": "From nothing"})

    expect_error(response, 404, "NOT_FOUND")
    assert collect_pages(owner.api, PROJECTS) == []
