"""Task dependencies: adding, listing and removing them, blocked completion, and cycle detection.

`POST /tasks/{id}/dependencies {"depends_on_id": X}` means the task is blocked by X. A task cannot
become `done` while a blocker is neither `done` nor `cancelled` (409 TASK_BLOCKED). An edge that
would close a cycle, including a task depending on itself, is 409 DEPENDENCY_CYCLE.
"""

import random
import uuid

import pytest

from cairn_e2e.api import TIMESTAMP_PATTERN, expect_data, expect_error
from cairn_e2e.bulk import BulkClient, parallel_map
from cairn_e2e.projects import (
    TASKS,
    build_crew,
    create_project,
    create_task,
    get_task,
    ids_of,
    reference_wording,
)

GRAPH_SIZE = 1000
RANDOM_EDGE_COUNT = 150
CLOSING_EDGE_SAMPLES = 20
BULK_WORKERS = 8


@pytest.fixture
def crew(make_user):
    return build_crew(make_user)


def add_dependency(account, task_id, depends_on_id):
    return account.api.post(f"{TASKS}/{task_id}/dependencies", {"depends_on_id": depends_on_id})


def dependencies(account, task_id) -> dict:
    return expect_data(account.api.get(f"{TASKS}/{task_id}/dependencies"))


def set_status(account, task_id, status):
    return account.api.post(f"{TASKS}/{task_id}/status", {"status": status})


def test_add_dependency(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id)

    expect_data(add_dependency(crew.member, blocked["id"], blocker["id"]), 201)

    blocked_view = dependencies(crew.viewer, blocked["id"])
    blocker_view = dependencies(crew.viewer, blocker["id"])
    assert ids_of(blocked_view["blocked_by"]) == [blocker["id"]]
    assert blocked_view["blocks"] == []
    assert ids_of(blocker_view["blocks"]) == [blocked["id"]]
    assert blocker_view["blocked_by"] == []


def test_list_both_directions(crew):
    first, middle, last = (create_task(crew.owner, crew.project_id) for _ in range(3))
    expect_data(add_dependency(crew.owner, middle["id"], first["id"]), 201)
    expect_data(add_dependency(crew.owner, last["id"], middle["id"]), 201)

    view = dependencies(crew.member, middle["id"])

    assert ids_of(view["blocked_by"]) == [first["id"]]
    assert ids_of(view["blocks"]) == [last["id"]]


def test_remove_dependency(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)
    path = f"{TASKS}/{blocked['id']}/dependencies/{blocker['id']}"

    response = crew.member.api.delete(path)

    assert response.status_code == 204, response.text
    assert dependencies(crew.owner, blocked["id"]) == {"blocked_by": [], "blocks": []}
    assert dependencies(crew.owner, blocker["id"]) == {"blocked_by": [], "blocks": []}
    expect_error(crew.member.api.delete(path), 404, "NOT_FOUND")
    expect_data(set_status(crew.owner, blocked["id"], "done"))


def test_remove_missing_dependency(crew):
    task = create_task(crew.owner, crew.project_id)

    expect_error(crew.owner.api.delete(f"{TASKS}/{task['id']}/dependencies/{uuid.uuid4()}"), 404, "NOT_FOUND")


@pytest.mark.parametrize("body", [{}, {"depends_on_id": None}, {"depends_on_id": "task-2"}, {"depends_on_id": 2}])
def test_add_invalid(crew, body):
    task = create_task(crew.owner, crew.project_id)

    response = crew.owner.api.post(f"{TASKS}/{task['id']}/dependencies", body)

    expect_error(response, 400, "VALIDATION_ERROR", "depends_on_id")
    assert dependencies(crew.owner, task["id"]) == {"blocked_by": [], "blocks": []}


def test_add_hidden_blocker(crew):
    task = create_task(crew.owner, crew.project_id)
    hidden_project = create_project(crew.outsider)
    hidden_task = create_task(crew.outsider, hidden_project["id"])
    missing_id = str(uuid.uuid4())

    hidden = add_dependency(crew.owner, task["id"], hidden_task["id"])
    missing = add_dependency(crew.owner, task["id"], missing_id)

    hidden_error = expect_error(hidden, 400, "VALIDATION_ERROR", "depends_on_id")
    missing_error = expect_error(missing, 400, "VALIDATION_ERROR", "depends_on_id")
    assert reference_wording(hidden_error, "depends_on_id", hidden_task["id"]) == reference_wording(
        missing_error, "depends_on_id", missing_id
    )
    assert dependencies(crew.outsider, hidden_task["id"]) == {"blocked_by": [], "blocks": []}


def test_list_hides_blockers_in_hidden_projects(crew):
    """A member who cannot see a task's project gets neither that blocker nor that dependent in the lists."""
    private_project = create_project(crew.owner)
    private_blocker = create_task(crew.owner, private_project["id"])
    private_dependent = create_task(crew.owner, private_project["id"])
    task = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, task["id"], private_blocker["id"]), 201)
    expect_data(add_dependency(crew.owner, private_dependent["id"], task["id"]), 201)

    member_view = dependencies(crew.member, task["id"])
    owner_view = dependencies(crew.owner, task["id"])

    assert member_view == {"blocked_by": [], "blocks": []}
    assert ids_of(owner_view["blocked_by"]) == [private_blocker["id"]]
    assert ids_of(owner_view["blocks"]) == [private_dependent["id"]]


# Blocked completion


def test_open_blocker_blocks_done(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    for blocker_status in ("todo", "in_progress", "in_review"):
        expect_data(set_status(crew.owner, blocker["id"], blocker_status))
        expect_error(set_status(crew.member, blocked["id"], "done"), 409, "TASK_BLOCKED")

    after = get_task(crew.owner, blocked["id"])
    assert after["status"] == "todo"
    assert after["completed_at"] is None


def test_blocked_patch_to_done(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    expect_error(crew.member.api.patch(f"{TASKS}/{blocked['id']}", {"status": "done"}), 409, "TASK_BLOCKED")

    assert get_task(crew.owner, blocked["id"])["status"] == "todo"


def test_blocked_task_moves_to_other_states(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    for status in ("in_progress", "in_review", "cancelled", "todo"):
        assert expect_data(set_status(crew.member, blocked["id"], status))["status"] == status


def test_done_blocker_unblocks(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    expect_data(set_status(crew.owner, blocker["id"], "done"))
    done = expect_data(set_status(crew.member, blocked["id"], "done"))

    assert done["status"] == "done"
    assert TIMESTAMP_PATTERN.match(done["completed_at"] or ""), done


def test_cancelled_blocker_unblocks(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    expect_data(set_status(crew.owner, blocker["id"], "cancelled"))
    done = expect_data(set_status(crew.member, blocked["id"], "done"))

    assert done["status"] == "done"


def test_every_blocker_must_resolve(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blockers = [create_task(crew.owner, crew.project_id) for _ in range(3)]
    for blocker in blockers:
        expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    expect_data(set_status(crew.owner, blockers[0]["id"], "done"))
    expect_data(set_status(crew.owner, blockers[1]["id"], "cancelled"))
    expect_error(set_status(crew.owner, blocked["id"], "done"), 409, "TASK_BLOCKED")

    expect_data(set_status(crew.owner, blockers[2]["id"], "done"))
    assert expect_data(set_status(crew.owner, blocked["id"], "done"))["status"] == "done"


def test_reopened_blocker_blocks_again(crew):
    blocked = create_task(crew.owner, crew.project_id)
    blocker = create_task(crew.owner, crew.project_id, status="done")
    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    expect_data(set_status(crew.owner, blocker["id"], "in_progress"))

    expect_error(set_status(crew.owner, blocked["id"], "done"), 409, "TASK_BLOCKED")


def test_blocker_in_other_project(crew):
    other_project = create_project(crew.owner)
    blocker = create_task(crew.owner, other_project["id"])
    blocked = create_task(crew.owner, crew.project_id)

    expect_data(add_dependency(crew.owner, blocked["id"], blocker["id"]), 201)

    expect_error(set_status(crew.owner, blocked["id"], "done"), 409, "TASK_BLOCKED")
    expect_data(set_status(crew.owner, blocker["id"], "done"))
    expect_data(set_status(crew.owner, blocked["id"], "done"))


# Cycles


def test_self_dependency(crew):
    task = create_task(crew.owner, crew.project_id)

    expect_error(add_dependency(crew.owner, task["id"], task["id"]), 409, "DEPENDENCY_CYCLE")

    assert dependencies(crew.owner, task["id"]) == {"blocked_by": [], "blocks": []}


def test_two_task_cycle(crew):
    first = create_task(crew.owner, crew.project_id)
    second = create_task(crew.owner, crew.project_id)
    expect_data(add_dependency(crew.owner, first["id"], second["id"]), 201)

    expect_error(add_dependency(crew.owner, second["id"], first["id"]), 409, "DEPENDENCY_CYCLE")

    assert dependencies(crew.owner, second["id"])["blocked_by"] == []


def test_three_task_cycle(crew):
    first, second, third = (create_task(crew.owner, crew.project_id) for _ in range(3))
    expect_data(add_dependency(crew.owner, first["id"], second["id"]), 201)
    expect_data(add_dependency(crew.owner, second["id"], third["id"]), 201)

    expect_error(add_dependency(crew.owner, third["id"], first["id"]), 409, "DEPENDENCY_CYCLE")

    assert dependencies(crew.owner, third["id"])["blocked_by"] == []


def test_diamond_is_not_a_cycle(crew):
    top, left, right, bottom = (create_task(crew.owner, crew.project_id) for _ in range(4))

    for task_id, depends_on_id in [(top, left), (top, right), (left, bottom), (right, bottom)]:
        expect_data(add_dependency(crew.owner, task_id["id"], depends_on_id["id"]), 201)

    assert sorted(ids_of(dependencies(crew.owner, bottom["id"])["blocks"])) == sorted([left["id"], right["id"]])
    expect_error(add_dependency(crew.owner, bottom["id"], top["id"]), 409, "DEPENDENCY_CYCLE")


def test_cycle_across_projects(crew):
    other_project = create_project(crew.owner)
    here = create_task(crew.owner, crew.project_id)
    there = create_task(crew.owner, other_project["id"])
    expect_data(add_dependency(crew.owner, here["id"], there["id"]), 201)

    expect_error(add_dependency(crew.owner, there["id"], here["id"]), 409, "DEPENDENCY_CYCLE")


@pytest.mark.slow
def test_cycle_in_large_graph(make_user):
    """Build a chain of 1 000 tasks, then add random forward edges (accepted) and closing edges (409)."""
    owner = make_user()
    project = create_project(owner)
    generator = random.Random(20261204)

    with BulkClient(owner) as client:
        tasks = parallel_map(
            lambda index: client.post_created(TASKS, {"project_id": project["id"], "title": f"Link {index}"}),
            range(GRAPH_SIZE),
            BULK_WORKERS,
        )
        chain = [task["id"] for task in tasks]

        # chain[i] depends on chain[i + 1], so chain[0] transitively depends on every other task.
        parallel_map(
            lambda index: client.post_created(f"{TASKS}/{chain[index]}/dependencies", {"depends_on_id": chain[index + 1]}),
            range(GRAPH_SIZE - 1),
            BULK_WORKERS,
        )

        forward_edges = set()
        while len(forward_edges) < RANDOM_EDGE_COUNT:
            earlier, later = sorted(generator.sample(range(GRAPH_SIZE), 2))
            if later - earlier > 1:
                forward_edges.add((earlier, later))
        parallel_map(
            lambda edge: client.post_created(f"{TASKS}/{chain[edge[0]]}/dependencies", {"depends_on_id": chain[edge[1]]}),
            sorted(forward_edges),
            BULK_WORKERS,
        )

    expect_error(add_dependency(owner, chain[-1], chain[0]), 409, "DEPENDENCY_CYCLE")
    for _ in range(CLOSING_EDGE_SAMPLES):
        earlier, later = sorted(generator.sample(range(GRAPH_SIZE), 2))
        expect_error(add_dependency(owner, chain[later], chain[earlier]), 409, "DEPENDENCY_CYCLE")

    assert dependencies(owner, chain[-1])["blocked_by"] == []
    expect_error(set_status(owner, chain[0], "done"), 409, "TASK_BLOCKED")
    expect_data(set_status(owner, chain[-1], "done"))


def test_concurrent_opposite_edges(make_user):
    """Opposite edges sent at the same moment: exactly one of each pair may win, or a cycle would exist."""
    owner = make_user()
    project = create_project(owner)
    pair_count = 20

    with BulkClient(owner) as client:
        tasks = parallel_map(
            lambda index: client.post_created(TASKS, {"project_id": project["id"], "title": f"Pair task {index}"}),
            range(2 * pair_count),
            BULK_WORKERS,
        )
        requests_to_send = []
        for pair in range(pair_count):
            first, second = tasks[2 * pair]["id"], tasks[2 * pair + 1]["id"]
            requests_to_send.append((pair, first, second))
            requests_to_send.append((pair, second, first))
        responses = parallel_map(
            lambda item: (item[0], client.post(f"{TASKS}/{item[1]}/dependencies", {"depends_on_id": item[2]})),
            requests_to_send,
            BULK_WORKERS,
        )

    statuses_by_pair: dict[int, list[int]] = {}
    for pair, response in responses:
        statuses_by_pair.setdefault(pair, []).append(response.status_code)
        if response.status_code == 409:
            assert response.json()["error"]["code"] == "DEPENDENCY_CYCLE", response.text
    for pair, statuses in statuses_by_pair.items():
        assert sorted(statuses) == [201, 409], f"pair {pair} got {statuses}"
