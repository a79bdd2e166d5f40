"""Task templates: creation, listing, and instantiation into a project with overrides."""

import uuid

import pytest

from cairn_e2e.api import UUID_PATTERN, expect_data, expect_error
from cairn_e2e.projects import (
    TASK_TEMPLATES,
    build_crew,
    collect_pages,
    create_task,
    get_task,
    ids_of,
    project_tasks,
    reference_wording,
)

TEMPLATE_BODY = {
    "name": "Bug triage",
    "title": "Triage incoming bug",
    "description": "Reproduce, label and assign.",
    "priority": "high",
    "estimate_minutes": 45,
    "checklist": ["Reproduce", "Label", "Assign"],
}


@pytest.fixture
def crew(make_user):
    return build_crew(make_user)


def create_template(account, **overrides) -> dict:
    return expect_data(account.api.post(TASK_TEMPLATES, {**TEMPLATE_BODY, **overrides}), 201)


def instantiate(account, template_id, body):
    return account.api.post(f"{TASK_TEMPLATES}/{template_id}/instantiate", body)


def test_create_template(make_user):
    owner = make_user()

    template = create_template(owner)

    assert UUID_PATTERN.match(template["id"]), template
    for field_name, value in TEMPLATE_BODY.items():
        assert template[field_name] == value, field_name


def test_create_template_defaults(make_user):
    owner = make_user()

    template = expect_data(owner.api.post(TASK_TEMPLATES, {"name": "Minimal", "title": "Do the thing"}), 201)

    assert template["priority"] == "medium"
    assert template["estimate_minutes"] is None


def test_list_templates(make_user):
    owner = make_user()
    first = create_template(owner, name="First")
    second = create_template(owner, name="Second")

    listed = ids_of(collect_pages(owner.api, TASK_TEMPLATES))

    assert first["id"] in listed
    assert second["id"] in listed


def test_list_templates_paging(make_user):
    owner = make_user()
    created = [create_template(owner, name=f"Template {index}")["id"] for index in range(3)]

    paged = ids_of(collect_pages(owner.api, TASK_TEMPLATES, {"limit": "1"}))

    assert sorted(paged) == sorted(created)
    expect_error(owner.api.get(TASK_TEMPLATES, params={"limit": "0"}), 400, "VALIDATION_ERROR", "limit")
    expect_error(owner.api.get(TASK_TEMPLATES, params={"limit": "201"}), 400, "VALIDATION_ERROR", "limit")


@pytest.mark.parametrize(
    "body,field_name",
    [
        ({"title": "No name"}, "name"),
        ({"name": "No title"}, "title"),
        ({"name": "", "title": "x"}, "name"),
        ({"name": "x", "title": ""}, "title"),
        ({"name": "x", "title": "x", "priority": "critical"}, "priority"),
        ({"name": "x", "title": "x", "estimate_minutes": "45"}, "estimate_minutes"),
        ({"name": "x", "title": "x", "checklist": "Reproduce"}, "checklist"),
    ],
)
def test_create_invalid(make_user, body, field_name):
    owner = make_user()

    expect_error(owner.api.post(TASK_TEMPLATES, body), 400, "VALIDATION_ERROR", field_name)

    assert collect_pages(owner.api, TASK_TEMPLATES) == []


def test_instantiate_template(crew):
    template = create_template(crew.member)
    existing = create_task(crew.owner, crew.project_id)

    task = expect_data(instantiate(crew.member, template["id"], {"project_id": crew.project_id}), 201)

    assert UUID_PATTERN.match(task["id"]), task
    assert task["project_id"] == crew.project_id
    assert task["title"] == TEMPLATE_BODY["title"]
    assert task["priority"] == "high"
    assert task["estimate_minutes"] == 45
    assert TEMPLATE_BODY["description"] in task["description"]
    assert task["status"] == "todo"
    assert task["reporter_id"] == crew.member.id
    assert task["number"] == existing["number"] + 1
    assert get_task(crew.viewer, task["id"])["title"] == TEMPLATE_BODY["title"]


def test_instantiate_with_overrides(crew):
    template = create_template(crew.member)

    task = expect_data(
        instantiate(
            crew.member,
            template["id"],
            {
                "project_id": crew.project_id,
                "title": "Triage the login bug",
                "priority": "urgent",
                "assignee_id": crew.manager.id,
                "due_date": "2027-06-01",
            },
        ),
        201,
    )

    assert task["title"] == "Triage the login bug"
    assert task["priority"] == "urgent"
    assert task["assignee_id"] == crew.manager.id
    assert task["due_date"] == "2027-06-01"
    assert task["estimate_minutes"] == 45


def test_instantiate_twice(crew):
    template = create_template(crew.owner)

    first = expect_data(instantiate(crew.owner, template["id"], {"project_id": crew.project_id}), 201)
    second = expect_data(instantiate(crew.owner, template["id"], {"project_id": crew.project_id}), 201)

    assert first["id"] != second["id"]
    assert second["number"] == first["number"] + 1
    assert sorted(ids_of(project_tasks(crew.owner, crew.project_id))) == sorted([first["id"], second["id"]])


def test_instantiate_without_project(crew):
    template = create_template(crew.owner)

    expect_error(instantiate(crew.owner, template["id"], {}), 400, "VALIDATION_ERROR", "project_id")


def test_instantiate_into_hidden_project(crew):
    template = create_template(crew.outsider)
    missing_id = str(uuid.uuid4())

    hidden = instantiate(crew.outsider, template["id"], {"project_id": crew.project_id})
    missing = instantiate(crew.outsider, template["id"], {"project_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "project_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "project_id")
    assert reference_wording(hidden_error, "project_id", crew.project_id) == reference_wording(
        missing_error, "project_id", missing_id
    )
    assert project_tasks(crew.owner, crew.project_id) == []


def test_viewer_cannot_instantiate(crew):
    template = create_template(crew.viewer)

    expect_error(instantiate(crew.viewer, template["id"], {"project_id": crew.project_id}), 403, "AUTHORIZATION_FAILED")

    assert project_tasks(crew.owner, crew.project_id) == []


def test_instantiate_with_non_member_assignee(crew):
    template = create_template(crew.owner)

    response = instantiate(crew.owner, template["id"], {"project_id": crew.project_id, "assignee_id": crew.outsider.id})

    expect_error(response, 400, "VALIDATION_ERROR", "assignee_id")
    assert project_tasks(crew.owner, crew.project_id) == []


def test_instantiate_missing_template(crew):
    response = instantiate(crew.owner, str(uuid.uuid4()), {"project_id": crew.project_id})

    expect_error(response, 404, "NOT_FOUND")
