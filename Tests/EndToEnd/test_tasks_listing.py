"""Task lists: every filter, every ordering in both directions, cursors, and rejected query values.

One project with a dozen varied tasks is built once per storage and only read by the tests.
"""

import time
from dataclasses import dataclass

import pytest

from cairn_e2e.api import Account, expect_error, expect_success, register_and_login
from cairn_e2e.projects import (
    PRIORITY_RANKS,
    TASKS,
    add_project_member,
    collect_pages,
    create_milestone,
    create_project,
    create_task,
    documented_orderings,
    ids_of,
)

# title, status, priority, assignee, milestone, parent (index into this list), labels, due_date
TASK_SPECS = [
    ("Zebra crossing design", "todo", "low", "member", "alpha", None, ["frontend"], "2027-01-05"),
    ("Harbor API", "in_progress", "high", "owner", "alpha", None, ["backend"], "2027-01-10"),
    ("Zebra stripes audit", "done", "urgent", None, "beta", None, ["frontend", "qa"], "2027-01-15"),
    ("Write the docs", "in_review", "medium", "member", None, None, [], None),
    ("Cancelled idea", "cancelled", "low", None, None, None, ["qa"], "2027-01-10"),
    ("Subtask one", "todo", "high", "member", "beta", 1, ["backend"], "2027-02-01"),
    ("Subtask two", "done", "medium", None, None, 1, [], "2026-12-31"),
    ("Loose end", "todo", "urgent", "owner", None, None, ["frontend"], None),
    ("Release notes", "in_progress", "medium", "member", "beta", None, ["docs"], "2027-01-09"),
    ("Load test", "todo", "high", None, "alpha", None, ["backend", "qa"], "2027-01-11"),
    ("Grandchild", "todo", "low", "owner", None, 5, [], "2027-03-01"),
    ("Unsorted", "in_review", "urgent", None, None, None, [], None),
]

# The order in which the fixture touches the tasks after creating them, so that `updated_at` differs from
# `created_at` order.
TOUCH_ORDER = [7, 2, 11, 0, 5, 9, 3, 1, 10, 4, 8, 6]

ORDERINGS = ["created_at", "due_date", "priority", "position", "updated_at"]


@dataclass
class Board:
    owner: Account
    member: Account
    project_id: str
    milestones: dict[str, str]
    tasks: list[dict]

    def expected_ids(self, predicate) -> set[str]:
        return {task["id"] for spec, task in zip(TASK_SPECS, self.tasks) if predicate(spec, task)}

    def listed(self, account: Account | None = None, **params: str) -> list[dict]:
        account = account or self.owner
        return collect_pages(account.api, TASKS, {"project_id": self.project_id, "limit": "200", **params})

    def listed_ids(self, account: Account | None = None, **params: str) -> set[str]:
        items = ids_of(self.listed(account, **params))
        assert len(items) == len(set(items)), f"a task appears twice in {params}: {items}"
        return set(items)


@pytest.fixture(scope="module")
def board(cairn) -> Board:
    owner = register_and_login(cairn)
    member = register_and_login(cairn)
    project = create_project(owner)
    add_project_member(owner, project["id"], member.id, "member")
    milestones = {name: create_milestone(owner, project["id"], name=name)["id"] for name in ("alpha", "beta")}
    assignees = {"member": member.id, "owner": owner.id}

    tasks: list[dict] = []
    for title, status, priority, assignee, milestone, parent, labels, due_date in TASK_SPECS:
        body = {"title": title, "status": status, "priority": priority, "labels": labels}
        if assignee:
            body["assignee_id"] = assignees[assignee]
        if milestone:
            body["milestone_id"] = milestones[milestone]
        if parent is not None:
            body["parent_id"] = tasks[parent]["id"]
        if due_date:
            body["due_date"] = due_date
        tasks.append(create_task(owner, project["id"], **body))
        # Distinct millisecond timestamps make the expected created_at order exact.
        time.sleep(0.005)

    for index in TOUCH_ORDER:
        response = owner.api.patch(f"{TASKS}/{tasks[index]['id']}", {"description": f"Touched {index}"})
        tasks[index] = expect_success(response)["data"]
        time.sleep(0.005)
    return Board(owner, member, project["id"], milestones, tasks)


# Filters


@pytest.mark.parametrize("status", ["todo", "in_progress", "in_review", "done", "cancelled"])
def test_filter_status(board, status):
    assert board.listed_ids(status=status) == board.expected_ids(lambda spec, task: spec[1] == status)


@pytest.mark.parametrize("priority", ["low", "medium", "high", "urgent"])
def test_filter_priority(board, priority):
    assert board.listed_ids(priority=priority) == board.expected_ids(lambda spec, task: spec[2] == priority)


def test_filter_assignee(board):
    assert board.listed_ids(assignee_id=board.member.id) == board.expected_ids(lambda spec, task: spec[3] == "member")
    assert board.listed_ids(assignee_id=board.owner.id) == board.expected_ids(lambda spec, task: spec[3] == "owner")


def test_filter_assignee_me(board):
    member_tasks = board.expected_ids(lambda spec, task: spec[3] == "member")
    owner_tasks = board.expected_ids(lambda spec, task: spec[3] == "owner")

    assert board.listed_ids(board.member, assignee_id="me") == member_tasks
    assert board.listed_ids(board.owner, assignee_id="me") == owner_tasks


def test_filter_milestone(board):
    for name, milestone_id in board.milestones.items():
        expected = board.expected_ids(lambda spec, task: spec[4] == name)
        assert board.listed_ids(milestone_id=milestone_id) == expected, name


def test_filter_parent(board):
    first_parent = board.tasks[1]["id"]
    second_parent = board.tasks[5]["id"]

    assert board.listed_ids(parent_id=first_parent) == {board.tasks[5]["id"], board.tasks[6]["id"]}
    assert board.listed_ids(parent_id=second_parent) == {board.tasks[10]["id"]}


@pytest.mark.parametrize("label", ["frontend", "backend", "qa", "docs"])
def test_filter_label(board, label):
    assert board.listed_ids(label=label) == board.expected_ids(lambda spec, task: label in spec[6])


def test_filter_due_before_inclusive(board):
    expected = board.expected_ids(lambda spec, task: spec[7] is not None and spec[7] <= "2027-01-10")

    listed = board.listed_ids(due_before="2027-01-10")

    assert listed == expected
    assert board.tasks[1]["id"] in listed, "a task due on the due_before date is missing"


def test_filter_due_after_inclusive(board):
    expected = board.expected_ids(lambda spec, task: spec[7] is not None and spec[7] >= "2027-01-10")

    listed = board.listed_ids(due_after="2027-01-10")

    assert listed == expected
    assert board.tasks[4]["id"] in listed, "a task due on the due_after date is missing"


def test_filter_due_range(board):
    on_the_day = board.expected_ids(lambda spec, task: spec[7] == "2027-01-10")
    in_range = board.expected_ids(lambda spec, task: spec[7] is not None and "2027-01-09" <= spec[7] <= "2027-01-11")

    assert board.listed_ids(due_after="2027-01-10", due_before="2027-01-10") == on_the_day
    assert board.listed_ids(due_after="2027-01-09", due_before="2027-01-11") == in_range
    assert board.listed_ids(due_after="2027-01-12", due_before="2027-01-11") == set()


def test_filter_search(board):
    assert board.listed_ids(search="Zebra") == {board.tasks[0]["id"], board.tasks[2]["id"]}
    assert board.listed_ids(search="Harbor API") == {board.tasks[1]["id"]}
    assert board.listed_ids(search="no task has this text") == set()


def test_filters_combine(board):
    expected = board.expected_ids(lambda spec, task: spec[1] == "todo" and spec[2] == "high")

    assert board.listed_ids(status="todo", priority="high") == expected
    assert board.listed_ids(status="todo", priority="high", label="qa") == {board.tasks[9]["id"]}


# Orderings


def sort_key(field_name, task):
    if field_name == "priority":
        return PRIORITY_RANKS[task["priority"]]
    return task[field_name]


@pytest.mark.parametrize("field_name", ["created_at", "updated_at"])
@pytest.mark.parametrize("descending", [False, True])
def test_order_by_timestamp(board, field_name, descending):
    expected = sorted(board.tasks, key=lambda task: task[field_name], reverse=descending)
    assert len({task[field_name] for task in board.tasks}) == len(board.tasks), "fixture timestamps must differ"

    listed = board.listed(ordering=("-" if descending else "") + field_name)

    assert ids_of(listed) == ids_of(expected)


@pytest.mark.parametrize("descending", [False, True])
def test_order_by_priority_rank(board, descending):
    listed = board.listed(ordering="-priority" if descending else "priority")

    ranks = [PRIORITY_RANKS[task["priority"]] for task in listed]
    assert ranks == sorted(ranks, reverse=descending), [task["priority"] for task in listed]
    assert sorted(ids_of(listed)) == sorted(ids_of(board.tasks))


@pytest.mark.parametrize("descending", [False, True])
def test_order_by_position(board, descending):
    listed = board.listed(ordering="-position" if descending else "position")

    positions = [task["position"] for task in listed]
    assert positions == sorted(positions, reverse=descending)
    assert sorted(ids_of(listed)) == sorted(ids_of(board.tasks))


@pytest.mark.parametrize("descending", [False, True])
def test_order_by_due_date(board, descending):
    listed = board.listed(ordering="-due_date" if descending else "due_date")

    dated = [task["due_date"] for task in listed if task["due_date"] is not None]
    assert dated == sorted(dated, reverse=descending)
    undated_positions = [index for index, task in enumerate(listed) if task["due_date"] is None]
    undated_count = len(undated_positions)
    assert undated_positions in (list(range(undated_count)), list(range(len(listed) - undated_count, len(listed)))), (
        f"tasks without a due date are mixed among dated ones: {[task['due_date'] for task in listed]}"
    )
    assert sorted(ids_of(listed)) == sorted(ids_of(board.tasks))


def test_default_order_is_stable(board):
    first = ids_of(board.listed())
    second = ids_of(board.listed())

    assert first == second
    assert sorted(first) == sorted(ids_of(board.tasks))


@pytest.mark.parametrize("ordering", ORDERINGS + ["-" + name for name in ORDERINGS])
def test_pages_match_one_page(board, ordering):
    whole = ids_of(board.listed(ordering=ordering))

    paged = ids_of(
        collect_pages(board.owner.api, TASKS, {"project_id": board.project_id, "limit": "3", "ordering": ordering})
    )

    assert paged == whole


def test_filtered_pages(board):
    expected = board.expected_ids(lambda spec, task: spec[2] == "high")

    paged = collect_pages(
        board.owner.api, TASKS, {"project_id": board.project_id, "priority": "high", "limit": "1"}
    )

    assert len(paged) == len(expected), ids_of(paged)
    assert set(ids_of(paged)) == expected


def test_limit_bounds(board):
    smallest = expect_success(board.owner.api.get(TASKS, params={"project_id": board.project_id, "limit": "1"}))
    largest = expect_success(board.owner.api.get(TASKS, params={"project_id": board.project_id, "limit": "200"}))
    default = expect_success(board.owner.api.get(TASKS, params={"project_id": board.project_id}))

    assert len(smallest["data"]) == 1
    assert smallest["meta"]["limit"] == 1
    assert smallest["meta"]["next_cursor"]
    assert len(largest["data"]) == len(TASK_SPECS)
    assert largest["meta"]["limit"] == 200
    assert largest["meta"]["next_cursor"] is None
    assert default["meta"]["limit"] == 50


def test_documented_orderings(board):
    documented = documented_orderings(board.owner.api, TASKS)

    for ordering in ORDERINGS + ["-" + name for name in ORDERINGS]:
        assert ordering in documented, f"the OpenAPI document does not list ordering {ordering}"
    for ordering in documented:
        listed = board.listed(ordering=ordering)
        assert sorted(ids_of(listed)) == sorted(ids_of(board.tasks)), ordering


# Rejected query values


@pytest.mark.parametrize(
    "params,field_name",
    [
        ({"status": "blocked"}, "status"),
        ({"status": ""}, "status"),
        ({"priority": "critical"}, "priority"),
        ({"assignee_id": "someone"}, "assignee_id"),
        ({"milestone_id": "alpha"}, "milestone_id"),
        ({"parent_id": "12"}, "parent_id"),
        ({"due_before": "2027-13-01"}, "due_before"),
        ({"due_after": "yesterday"}, "due_after"),
        ({"ordering": "title"}, "ordering"),
        ({"ordering": "-colour"}, "ordering"),
        ({"ordering": "priority_rank"}, "ordering"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_invalid_query(board, params, field_name):
    response = board.owner.api.get(TASKS, params={"project_id": board.project_id, **params})

    expect_error(response, 400, "VALIDATION_ERROR", field_name)


def test_invalid_query_without_project(board):
    expect_error(board.owner.api.get(TASKS, params={"status": "blocked"}), 400, "VALIDATION_ERROR", "status")
    expect_error(board.owner.api.get(TASKS, params={"limit": "500"}), 400, "VALIDATION_ERROR", "limit")
    expect_error(board.owner.api.get(TASKS, params={"ordering": "name"}), 400, "VALIDATION_ERROR", "ordering")


def test_list_without_project_filter(board):
    listed = set(ids_of(collect_pages(board.member.api, TASKS, {"limit": "200"})))

    assert set(ids_of(board.tasks)) <= listed


@pytest.mark.parametrize("field_name", ["milestone_id", "parent_id"])
def test_filter_on_hidden_object(board, cairn, field_name):
    """A filter naming a milestone or parent task the caller cannot see gets the 404 of a missing one."""
    stranger = register_and_login(cairn)
    hidden_project = create_project(stranger)
    if field_name == "milestone_id":
        hidden_id = create_milestone(stranger, hidden_project["id"])["id"]
    else:
        hidden_id = create_task(stranger, hidden_project["id"])["id"]
    base = {"project_id": board.project_id}

    hidden = board.owner.api.get(TASKS, params={**base, field_name: hidden_id})
    missing = board.owner.api.get(TASKS, params={**base, field_name: "00000000-0000-4000-8000-000000000000"})

    expect_error(hidden, 404, "NOT_FOUND")
    expect_error(missing, 404, "NOT_FOUND")
    assert hidden.json() == missing.json()
