"""Tasks: create with per-project numbers, get, update, delete, assign, status changes and subtasks."""

import uuid

import pytest

from cairn_e2e.api import TIMESTAMP_PATTERN, UUID_PATTERN, expect_client_error, expect_data, expect_error
from cairn_e2e.groups import add_member, create_team
from cairn_e2e.projects import (
    TASKS,
    USER_SUMMARY_FIELDS,
    build_crew,
    create_milestone,
    create_project,
    create_task,
    get_task,
    ids_of,
    project_tasks,
    reference_wording,
)


# Marks a field that a parametrized request body leaves out.
MISSING = object()


@pytest.fixture
def crew(make_user):
    return build_crew(make_user)


def test_create_task(crew):
    milestone = create_milestone(crew.owner, crew.project_id)
    body = {
        "project_id": crew.project_id,
        "title": "Draft the homepage",
        "description": "Hero, pricing and footer",
        "status": "in_progress",
        "priority": "high",
        "assignee_id": crew.manager.id,
        "milestone_id": milestone["id"],
        "due_date": "2027-04-30",
        "start_date": "2027-04-01",
        "estimate_minutes": 240,
        "labels": ["frontend", "design"],
    }

    task = expect_data(crew.member.api.post(TASKS, body), 201)

    assert UUID_PATTERN.match(task["id"]), task
    assert task["number"] == 1
    assert task["reporter_id"] == crew.member.id
    for field_name, value in body.items():
        if field_name == "labels":
            assert sorted(task["labels"]) == sorted(value)
        else:
            assert task[field_name] == value, field_name
    assert task["parent_id"] is None
    assert task["completed_at"] is None
    assert TIMESTAMP_PATTERN.match(task["created_at"]), task
    assert TIMESTAMP_PATTERN.match(task["updated_at"]), task


def test_create_defaults(crew):
    task = create_task(crew.owner, crew.project_id, title="Bare task")

    assert task["status"] == "todo"
    assert task["priority"] == "medium"
    assert task["assignee_id"] is None
    assert task["milestone_id"] is None
    assert task["due_date"] is None
    assert task["labels"] == []
    assert task["completed_at"] is None


def test_create_ignores_read_only_fields(crew):
    forged_id = str(uuid.uuid4())

    task = create_task(
        crew.member,
        crew.project_id,
        id=forged_id,
        number=99,
        reporter_id=crew.owner.id,
        completed_at="2020-01-01T00:00:00.000Z",
    )

    assert task["id"] != forged_id
    assert task["number"] == 1
    assert task["reporter_id"] == crew.member.id
    assert task["completed_at"] is None


def test_numbers_per_project(crew):
    other_project = create_project(crew.owner)

    first = [create_task(crew.member, crew.project_id)["number"] for _ in range(3)]
    other = [create_task(crew.owner, other_project["id"])["number"] for _ in range(2)]
    fourth = create_task(crew.owner, crew.project_id)["number"]

    assert first == [1, 2, 3]
    assert other == [1, 2]
    assert fourth == 4


def test_numbers_unique_after_delete(crew):
    first = create_task(crew.owner, crew.project_id)
    second = create_task(crew.owner, crew.project_id)
    assert crew.owner.api.delete(f"{TASKS}/{first['id']}").status_code == 204

    third = create_task(crew.owner, crew.project_id)

    assert third["number"] != second["number"]
    numbers = [task["number"] for task in project_tasks(crew.owner, crew.project_id)]
    assert len(numbers) == len(set(numbers)), numbers
    assert sorted(numbers) == sorted([second["number"], third["number"]])


def test_create_done_sets_completed_at(crew):
    task = create_task(crew.owner, crew.project_id, status="done")

    assert task["status"] == "done"
    assert TIMESTAMP_PATTERN.match(task["completed_at"] or ""), task


@pytest.mark.parametrize(
    "body,field_name",
    [
        ({"title": MISSING}, "title"),
        ({"title": ""}, "title"),
        ({"title": 12}, "title"),
        ({"status": "blocked"}, "status"),
        ({"priority": "critical"}, "priority"),
        ({"due_date": "2027-02-30"}, "due_date"),
        ({"start_date": "next week"}, "start_date"),
        ({"estimate_minutes": "60"}, "estimate_minutes"),
        ({"labels": "frontend"}, "labels"),
        ({"assignee_id": "not-a-uuid"}, "assignee_id"),
        ({"parent_id": 5}, "parent_id"),
        ({"project_id": "not-a-uuid"}, "project_id"),
        ({"project_id": MISSING}, "project_id"),
    ],
)
def test_create_invalid(crew, body, field_name):
    request_body = {"project_id": crew.project_id, "title": "Invalid", **body}
    request_body = {name: value for name, value in request_body.items() if value is not MISSING}

    expect_error(crew.owner.api.post(TASKS, request_body), 400, "VALIDATION_ERROR", field_name)

    assert project_tasks(crew.owner, crew.project_id) == []


def test_create_in_hidden_project(crew):
    missing_id = str(uuid.uuid4())

    hidden = crew.outsider.api.post(TASKS, {"project_id": crew.project_id, "title": "Sneaky"})
    missing = crew.outsider.api.post(TASKS, {"project_id": missing_id, "title": "Sneaky"})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "project_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "project_id")
    assert reference_wording(hidden_error, "project_id", crew.project_id) == reference_wording(
        missing_error, "project_id", missing_id
    )
    assert project_tasks(crew.owner, crew.project_id) == []


def test_create_with_non_member_assignee(crew):
    response = crew.owner.api.post(
        TASKS, {"project_id": crew.project_id, "title": "For a stranger", "assignee_id": crew.outsider.id}
    )

    expect_error(response, 400, "VALIDATION_ERROR", "assignee_id")
    assert project_tasks(crew.owner, crew.project_id) == []


def test_create_with_hidden_milestone(crew):
    hidden_project = create_project(crew.outsider)
    hidden_milestone = create_milestone(crew.outsider, hidden_project["id"])
    missing_id = str(uuid.uuid4())

    hidden = crew.owner.api.post(
        TASKS, {"project_id": crew.project_id, "title": "Sneaky", "milestone_id": hidden_milestone["id"]}
    )
    missing = crew.owner.api.post(TASKS, {"project_id": crew.project_id, "title": "Sneaky", "milestone_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "milestone_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "milestone_id")
    assert reference_wording(hidden_error, "milestone_id", hidden_milestone["id"]) == reference_wording(
        missing_error, "milestone_id", missing_id
    )
    assert project_tasks(crew.owner, crew.project_id) == []


def test_move_to_hidden_milestone(crew):
    task = create_task(crew.owner, crew.project_id)
    hidden_project = create_project(crew.outsider)
    hidden_milestone = create_milestone(crew.outsider, hidden_project["id"])
    missing_id = str(uuid.uuid4())
    path = f"{TASKS}/{task['id']}"

    hidden = crew.owner.api.patch(path, {"milestone_id": hidden_milestone["id"]})
    missing = crew.owner.api.patch(path, {"milestone_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "milestone_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "milestone_id")
    assert reference_wording(hidden_error, "milestone_id", hidden_milestone["id"]) == reference_wording(
        missing_error, "milestone_id", missing_id
    )
    assert get_task(crew.owner, task["id"])["milestone_id"] is None


def test_assign_team_member(make_user):
    owner = make_user()
    teammate = make_user()
    team = create_team(owner)
    add_member(owner, "teams", team["id"], teammate.id, "member")
    project = create_project(owner, team_id=team["id"])
    task = create_task(owner, project["id"])

    assigned = expect_data(owner.api.post(f"{TASKS}/{task['id']}/assign", {"assignee_id": teammate.id}))

    assert assigned["assignee_id"] == teammate.id
    assert get_task(teammate, task["id"])["assignee"]["id"] == teammate.id
    assert ids_of(project_tasks(teammate, project["id"], assignee_id="me")) == [task["id"]]


def test_get_embeds_assignee(crew):
    task = create_task(crew.owner, crew.project_id, assignee_id=crew.member.id)

    fetched = get_task(crew.viewer, task["id"])

    assignee = fetched["assignee"]
    assert isinstance(assignee, dict), fetched
    assert USER_SUMMARY_FIELDS <= set(assignee), assignee
    assert assignee["id"] == crew.member.id
    assert assignee["username"] == crew.member.username
    assert assignee["first_name"] == crew.member.first_name
    assert assignee["last_name"] == crew.member.last_name
    assert "email" not in assignee, assignee
    assert crew.member.email not in str(fetched), fetched


def test_get_without_assignee(crew):
    task = create_task(crew.owner, crew.project_id)

    fetched = get_task(crew.member, task["id"])

    assert fetched["assignee_id"] is None
    assert fetched["assignee"] is None
    assert fetched["title"] == task["title"]
    assert fetched["number"] == task["number"]


def test_get_missing_task(crew):
    expect_error(crew.owner.api.get(f"{TASKS}/{uuid.uuid4()}"), 404, "NOT_FOUND")
    expect_error(crew.owner.api.get(f"{TASKS}/not-a-uuid"), 404, "NOT_FOUND")


def test_update_task(crew):
    task = create_task(crew.owner, crew.project_id)
    changes = {
        "title": "Renamed task",
        "description": "More detail",
        "priority": "urgent",
        "due_date": "2027-08-01",
        "start_date": "2027-07-01",
        "estimate_minutes": 90,
        "labels": ["backend"],
    }

    updated = expect_data(crew.member.api.patch(f"{TASKS}/{task['id']}", changes))

    for field_name, value in changes.items():
        assert updated[field_name] == value, field_name
    fetched = get_task(crew.viewer, task["id"])
    for field_name, value in changes.items():
        assert fetched[field_name] == value, field_name
    assert fetched["number"] == task["number"]
    assert fetched["updated_at"] >= task["updated_at"]


def test_update_clears_nullable_fields(crew):
    task = create_task(crew.owner, crew.project_id, due_date="2027-08-01", estimate_minutes=30, labels=["x"])

    updated = expect_data(
        crew.owner.api.patch(f"{TASKS}/{task['id']}", {"due_date": None, "estimate_minutes": None, "labels": []})
    )

    assert updated["due_date"] is None
    assert updated["estimate_minutes"] is None
    assert updated["labels"] == []


def test_update_ignores_read_only_fields(crew):
    task = create_task(crew.owner, crew.project_id)
    other_project = create_project(crew.owner)

    updated = expect_data(
        crew.owner.api.patch(
            f"{TASKS}/{task['id']}",
            {"project_id": other_project["id"], "number": 42, "reporter_id": crew.member.id, "id": str(uuid.uuid4())},
        )
    )

    assert updated["id"] == task["id"]
    assert updated["project_id"] == crew.project_id
    assert updated["number"] == task["number"]
    assert updated["reporter_id"] == crew.owner.id
    assert project_tasks(crew.owner, other_project["id"]) == []


@pytest.mark.parametrize(
    "body,field_name",
    [({"title": ""}, "title"), ({"title": None}, "title"), ({"status": "paused"}, "status"),
     ({"priority": 3}, "priority"), ({"due_date": "31/12/2027"}, "due_date"), ({"labels": [1, 2]}, "labels")],
)
def test_update_invalid(crew, body, field_name):
    task = create_task(crew.owner, crew.project_id)

    expect_error(crew.owner.api.patch(f"{TASKS}/{task['id']}", body), 400, "VALIDATION_ERROR", field_name)

    assert get_task(crew.owner, task["id"])["title"] == task["title"]


def test_update_non_member_assignee(crew):
    task = create_task(crew.owner, crew.project_id)

    response = crew.owner.api.patch(f"{TASKS}/{task['id']}", {"assignee_id": crew.outsider.id})

    expect_error(response, 400, "VALIDATION_ERROR", "assignee_id")
    assert get_task(crew.owner, task["id"])["assignee_id"] is None


def test_delete_task(crew):
    task = create_task(crew.owner, crew.project_id)
    path = f"{TASKS}/{task['id']}"

    response = crew.member.api.delete(path)

    assert response.status_code == 204, response.text
    expect_error(crew.owner.api.get(path), 404, "NOT_FOUND")
    expect_error(crew.owner.api.patch(path, {"title": "Ghost"}), 404, "NOT_FOUND")
    expect_error(crew.owner.api.delete(path), 404, "NOT_FOUND")
    assert task["id"] not in ids_of(project_tasks(crew.owner, crew.project_id))


# Assignment


def test_assign_member(crew):
    task = create_task(crew.owner, crew.project_id)

    assigned = expect_data(crew.member.api.post(f"{TASKS}/{task['id']}/assign", {"assignee_id": crew.viewer.id}))

    assert assigned["assignee_id"] == crew.viewer.id
    fetched = get_task(crew.owner, task["id"])
    assert fetched["assignee_id"] == crew.viewer.id
    assert fetched["assignee"]["id"] == crew.viewer.id


def test_unassign(crew):
    task = create_task(crew.owner, crew.project_id, assignee_id=crew.member.id)

    unassigned = expect_data(crew.owner.api.post(f"{TASKS}/{task['id']}/assign", {"assignee_id": None}))

    assert unassigned["assignee_id"] is None
    fetched = get_task(crew.owner, task["id"])
    assert fetched["assignee_id"] is None
    assert fetched["assignee"] is None


def test_assign_non_member(crew):
    task = create_task(crew.owner, crew.project_id, assignee_id=crew.member.id)

    response = crew.owner.api.post(f"{TASKS}/{task['id']}/assign", {"assignee_id": crew.outsider.id})

    expect_error(response, 400, "VALIDATION_ERROR", "assignee_id")
    assert get_task(crew.owner, task["id"])["assignee_id"] == crew.member.id


def test_assign_unknown_user_like_non_member(crew):
    task = create_task(crew.owner, crew.project_id)
    missing_id = str(uuid.uuid4())
    path = f"{TASKS}/{task['id']}/assign"

    outsider_error = expect_error(
        crew.owner.api.post(path, {"assignee_id": crew.outsider.id}), 400, "VALIDATION_ERROR", "assignee_id"
    )
    missing_error = expect_error(
        crew.owner.api.post(path, {"assignee_id": missing_id}), 400, "VALIDATION_ERROR", "assignee_id"
    )

    assert reference_wording(outsider_error, "assignee_id", crew.outsider.id) == reference_wording(
        missing_error, "assignee_id", missing_id
    )


@pytest.mark.parametrize("body", [{}, {"assignee_id": "nobody"}, {"assignee_id": 7}])
def test_assign_invalid(crew, body):
    task = create_task(crew.owner, crew.project_id)

    expect_error(crew.owner.api.post(f"{TASKS}/{task['id']}/assign", body), 400, "VALIDATION_ERROR", "assignee_id")


# Status and completed_at


@pytest.mark.parametrize("status", ["todo", "in_progress", "in_review", "done", "cancelled"])
def test_change_status(crew, status):
    task = create_task(crew.owner, crew.project_id, status="in_progress" if status == "todo" else "todo")

    changed = expect_data(crew.member.api.post(f"{TASKS}/{task['id']}/status", {"status": status}))

    assert changed["status"] == status
    assert get_task(crew.viewer, task["id"])["status"] == status


@pytest.mark.parametrize("body", [{}, {"status": "blocked"}, {"status": None}, {"status": 1}])
def test_change_status_invalid(crew, body):
    task = create_task(crew.owner, crew.project_id)

    expect_error(crew.owner.api.post(f"{TASKS}/{task['id']}/status", body), 400, "VALIDATION_ERROR", "status")

    assert get_task(crew.owner, task["id"])["status"] == "todo"


def test_completed_at_follows_status(crew):
    task = create_task(crew.owner, crew.project_id)
    status_path = f"{TASKS}/{task['id']}/status"

    done = expect_data(crew.owner.api.post(status_path, {"status": "done"}))
    assert TIMESTAMP_PATTERN.match(done["completed_at"] or ""), done
    assert get_task(crew.owner, task["id"])["completed_at"] == done["completed_at"]

    reopened = expect_data(crew.owner.api.post(status_path, {"status": "in_progress"}))
    assert reopened["completed_at"] is None
    assert get_task(crew.owner, task["id"])["completed_at"] is None

    done_again = expect_data(crew.owner.api.post(status_path, {"status": "done"}))
    assert TIMESTAMP_PATTERN.match(done_again["completed_at"] or ""), done_again
    assert done_again["completed_at"] >= done["completed_at"]

    cancelled = expect_data(crew.owner.api.post(status_path, {"status": "cancelled"}))
    assert cancelled["completed_at"] is None


def test_completed_at_follows_patch(crew):
    task = create_task(crew.owner, crew.project_id)
    path = f"{TASKS}/{task['id']}"

    done = expect_data(crew.member.api.patch(path, {"status": "done"}))
    assert TIMESTAMP_PATTERN.match(done["completed_at"] or ""), done

    renamed = expect_data(crew.member.api.patch(path, {"title": "Still done"}))
    assert renamed["completed_at"] == done["completed_at"]

    reopened = expect_data(crew.member.api.patch(path, {"status": "in_review"}))
    assert reopened["completed_at"] is None


# Subtasks


def test_create_subtask(crew):
    parent = create_task(crew.owner, crew.project_id)

    child = create_task(crew.member, crew.project_id, parent_id=parent["id"])

    assert child["parent_id"] == parent["id"]
    assert get_task(crew.owner, child["id"])["parent_id"] == parent["id"]
    assert ids_of(project_tasks(crew.owner, crew.project_id, parent_id=parent["id"])) == [child["id"]]


def test_subtask_of_other_project(crew):
    other_project = create_project(crew.owner)
    foreign_parent = create_task(crew.owner, other_project["id"])

    response = crew.owner.api.post(
        TASKS, {"project_id": crew.project_id, "title": "Wrong parent", "parent_id": foreign_parent["id"]}
    )

    expect_error(response, 400, "VALIDATION_ERROR", "parent_id")
    assert project_tasks(crew.owner, crew.project_id) == []


def test_subtask_of_hidden_task(crew):
    hidden_project = create_project(crew.outsider)
    hidden_parent = create_task(crew.outsider, hidden_project["id"])
    missing_id = str(uuid.uuid4())

    hidden = crew.owner.api.post(
        TASKS, {"project_id": crew.project_id, "title": "Sneaky", "parent_id": hidden_parent["id"]}
    )
    missing = crew.owner.api.post(TASKS, {"project_id": crew.project_id, "title": "Sneaky", "parent_id": missing_id})

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "parent_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "parent_id")
    assert reference_wording(hidden_error, "parent_id", hidden_parent["id"]) == reference_wording(
        missing_error, "parent_id", missing_id
    )


def test_move_subtask_to_other_parent(crew):
    first_parent = create_task(crew.owner, crew.project_id)
    second_parent = create_task(crew.owner, crew.project_id)
    child = create_task(crew.owner, crew.project_id, parent_id=first_parent["id"])

    moved = expect_data(crew.owner.api.patch(f"{TASKS}/{child['id']}", {"parent_id": second_parent["id"]}))
    detached = expect_data(crew.owner.api.patch(f"{TASKS}/{child['id']}", {"parent_id": None}))

    assert moved["parent_id"] == second_parent["id"]
    assert detached["parent_id"] is None


def test_task_cannot_be_own_parent(crew):
    task = create_task(crew.owner, crew.project_id)

    response = crew.owner.api.patch(f"{TASKS}/{task['id']}", {"parent_id": task["id"]})

    error = expect_client_error(response)
    assert response.status_code in (400, 409), error
    assert get_task(crew.owner, task["id"])["parent_id"] is None


def test_parent_cycle_rejected(crew):
    root = create_task(crew.owner, crew.project_id)
    child = create_task(crew.owner, crew.project_id, parent_id=root["id"])
    grandchild = create_task(crew.owner, crew.project_id, parent_id=child["id"])

    for descendant in (child, grandchild):
        response = crew.owner.api.patch(f"{TASKS}/{root['id']}", {"parent_id": descendant["id"]})
        error = expect_client_error(response)
        assert response.status_code in (400, 409), error

    assert get_task(crew.owner, root["id"])["parent_id"] is None


def test_delete_parent_clears_references(crew):
    parent = create_task(crew.owner, crew.project_id)
    child = create_task(crew.owner, crew.project_id, parent_id=parent["id"])

    assert crew.owner.api.delete(f"{TASKS}/{parent['id']}").status_code == 204

    remaining = project_tasks(crew.owner, crew.project_id)
    assert parent["id"] not in ids_of(remaining)
    for task in remaining:
        assert task["parent_id"] != parent["id"], task
