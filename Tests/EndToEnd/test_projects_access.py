"""Object-level access to projects: outsiders get 404 everywhere, viewers only read, lost access ends fast.

A non-member's request to a project endpoint must get the same 404 as the same request to a project
that does not exist. A viewer gets 200 on every read and 403 on every write. A removed member loses
access within the membership cache bound (5 s by default), and deleting a project deletes its tasks.
"""

import threading
import time
import uuid

import pytest

from cairn_e2e.api import describe, expect_data, expect_error, poll_until
from cairn_e2e.bulk import BulkClient
from cairn_e2e.groups import add_member, create_team
from cairn_e2e.projects import (
    PROJECTS,
    TASKS,
    add_project_member,
    build_crew,
    collect_pages,
    create_milestone,
    create_project,
    create_task,
    ids_of,
    project_roles,
)

# The membership cache bound is 5 s by default, and the polls allow one more second for the requests.
ACCESS_LOSS_POLL_SECONDS = 6
# Other services delete a deleted project's rows when they consume its event, which takes a moment.
PROJECT_DELETION_POLL_SECONDS = 10
# Threads that keep creating tasks while their project is deleted.
RACING_WRITERS = 6
# Projects deleted under racing writers. One deletion often misses the race window, so several run.
DELETION_RACE_ROUNDS = 4


@pytest.fixture
def crew(make_user):
    crew = build_crew(make_user)
    crew.milestone = create_milestone(crew.owner, crew.project_id, due_date="2027-05-01")
    return crew


def project_requests(project_id, milestone_id, member_id, newcomer_id):
    """Return every project endpoint as (method, path, body), for a project and one of its milestones and members."""
    project_path = f"{PROJECTS}/{project_id}"
    return [
        ("GET", project_path, None),
        ("PATCH", project_path, {"name": "Hijacked"}),
        ("DELETE", project_path, None),
        ("GET", f"{project_path}/members", None),
        ("POST", f"{project_path}/members", {"user_id": newcomer_id, "role": "owner"}),
        ("PATCH", f"{project_path}/members/{member_id}", {"role": "owner"}),
        ("DELETE", f"{project_path}/members/{member_id}", None),
        ("GET", f"{project_path}/milestones", None),
        ("POST", f"{project_path}/milestones", {"name": "Sneaky milestone"}),
        ("GET", f"{project_path}/milestones/{milestone_id}", None),
        ("PATCH", f"{project_path}/milestones/{milestone_id}", {"name": "Hijacked milestone"}),
        ("DELETE", f"{project_path}/milestones/{milestone_id}", None),
    ]


def send(account, method, path, body):
    options = {} if body is None else {"json_body": body}
    return account.api.request(method, path, **options)


def project_snapshot(crew) -> dict:
    """Return the project, its members and its milestones as the owner reads them."""
    return {
        "project": expect_data(crew.owner.api.get(f"{PROJECTS}/{crew.project_id}")),
        "roles": project_roles(crew.owner, crew.project_id),
        "milestones": collect_pages(crew.owner.api, f"{PROJECTS}/{crew.project_id}/milestones"),
    }


def test_outsider_gets_404_everywhere(crew):
    before = project_snapshot(crew)
    hidden = project_requests(crew.project_id, crew.milestone["id"], crew.member.id, crew.outsider.id)
    missing = project_requests(str(uuid.uuid4()), crew.milestone["id"], crew.member.id, crew.outsider.id)

    for (method, path, body), (_, missing_path, missing_body) in zip(hidden, missing):
        hidden_response = send(crew.outsider, method, path, body)
        missing_response = send(crew.outsider, method, missing_path, missing_body)
        expect_error(hidden_response, 404, "NOT_FOUND")
        expect_error(missing_response, 404, "NOT_FOUND")
        assert hidden_response.json() == missing_response.json(), (
            f"{method} on a hidden project differs from a missing one:\n"
            f"{describe(hidden_response)}\n{describe(missing_response)}"
        )

    assert project_snapshot(crew) == before


def test_outsider_list_excludes_project(crew):
    task = create_task(crew.owner, crew.project_id)

    assert crew.project_id not in ids_of(collect_pages(crew.outsider.api, PROJECTS))
    assert crew.project_id not in ids_of(collect_pages(crew.outsider.api, PROJECTS, {"search": crew.project["name"]}))
    assert task["id"] not in ids_of(collect_pages(crew.outsider.api, TASKS, {"limit": "200"}))


def test_outsider_task_filter_on_project(crew):
    create_task(crew.owner, crew.project_id)

    hidden = crew.outsider.api.get(TASKS, params={"project_id": crew.project_id})
    missing = crew.outsider.api.get(TASKS, params={"project_id": str(uuid.uuid4())})

    expect_error(hidden, 404, "NOT_FOUND")
    expect_error(missing, 404, "NOT_FOUND")
    assert hidden.json() == missing.json()


def test_viewer_reads(crew):
    project_path = f"{PROJECTS}/{crew.project_id}"
    reads = [
        project_path,
        f"{project_path}/members",
        f"{project_path}/milestones",
        f"{project_path}/milestones/{crew.milestone['id']}",
    ]

    for path in reads:
        expect_data(crew.viewer.api.get(path))
    assert crew.project_id in ids_of(collect_pages(crew.viewer.api, PROJECTS))


def test_viewer_cannot_write(crew, make_user):
    newcomer = make_user()
    before = project_snapshot(crew)
    project_path = f"{PROJECTS}/{crew.project_id}"
    milestone_path = f"{project_path}/milestones/{crew.milestone['id']}"
    writes = [
        ("PATCH", project_path, {"name": "Viewer rename"}),
        ("PATCH", project_path, {"status": "archived"}),
        ("DELETE", project_path, None),
        ("POST", f"{project_path}/members", {"user_id": newcomer.id, "role": "viewer"}),
        ("PATCH", f"{project_path}/members/{crew.member.id}", {"role": "viewer"}),
        ("DELETE", f"{project_path}/members/{crew.member.id}", None),
        ("POST", f"{project_path}/milestones", {"name": "Viewer milestone"}),
        ("PATCH", milestone_path, {"status": "completed"}),
        ("DELETE", milestone_path, None),
    ]

    for method, path, body in writes:
        expect_error(send(crew.viewer, method, path, body), 403, "AUTHORIZATION_FAILED")

    assert project_snapshot(crew) == before


def account_sees_project_and_task(account, project_id, task_id) -> dict[str, int]:
    """Return the status codes of the account's GET of the project and of the task."""
    return {
        "project": account.api.get(f"{PROJECTS}/{project_id}").status_code,
        "task": account.api.get(f"{TASKS}/{task_id}").status_code,
    }


def expect_access_lost(account, project_id, task_id) -> None:
    statuses: dict[str, int] = {}

    def both_hidden() -> bool:
        statuses.update(account_sees_project_and_task(account, project_id, task_id))
        return statuses == {"project": 404, "task": 404}

    lost = poll_until(both_hidden, ACCESS_LOSS_POLL_SECONDS, interval=0.2)
    assert lost, f"{ACCESS_LOSS_POLL_SECONDS} s after losing membership the statuses are still {statuses}"


def test_removed_member_loses_access(crew):
    task = create_task(crew.member, crew.project_id)
    assert account_sees_project_and_task(crew.member, crew.project_id, task["id"]) == {"project": 200, "task": 200}

    response = crew.owner.api.delete(f"{PROJECTS}/{crew.project_id}/members/{crew.member.id}")

    assert response.status_code == 204, response.text
    expect_access_lost(crew.member, crew.project_id, task["id"])
    expect_error(crew.member.api.patch(f"{TASKS}/{task['id']}", {"title": "Too late"}), 404, "NOT_FOUND")
    expect_error(crew.member.api.get(TASKS, params={"project_id": crew.project_id}), 404, "NOT_FOUND")


def test_member_leaving_loses_access(crew):
    task = create_task(crew.owner, crew.project_id)

    response = crew.viewer.api.delete(f"{PROJECTS}/{crew.project_id}/members/{crew.viewer.id}")

    assert response.status_code == 204, response.text
    expect_access_lost(crew.viewer, crew.project_id, task["id"])


def test_team_removal_loses_access(make_user):
    owner = make_user()
    teammate = make_user()
    team = create_team(owner)
    add_member(owner, "teams", team["id"], teammate.id, "member")
    project = create_project(owner, team_id=team["id"])
    task = create_task(owner, project["id"])
    assert account_sees_project_and_task(teammate, project["id"], task["id"]) == {"project": 200, "task": 200}

    response = owner.api.delete(f"/api/v1/teams/{team['id']}/members/{teammate.id}")

    assert response.status_code == 204, response.text
    expect_access_lost(teammate, project["id"], task["id"])


def test_demoted_member_loses_writes(crew):
    task = create_task(crew.member, crew.project_id)
    path = f"{TASKS}/{task['id']}"

    expect_data(crew.owner.api.patch(f"{PROJECTS}/{crew.project_id}/members/{crew.member.id}", {"role": "viewer"}))

    statuses: list[int] = []

    def write_rejected() -> bool:
        response = crew.member.api.patch(path, {"title": f"Edit at {time.monotonic()}"})
        statuses.append(response.status_code)
        return response.status_code == 403

    assert poll_until(write_rejected, ACCESS_LOSS_POLL_SECONDS, interval=0.2), (
        f"{ACCESS_LOSS_POLL_SECONDS} s after the demotion to viewer, task edits return {statuses[-3:]}"
    )
    expect_data(crew.member.api.get(path))


def test_deleting_project_deletes_tasks(crew, admin):
    tasks = [create_task(crew.member, crew.project_id) for _ in range(3)]
    expect_data(admin.api.get(f"{TASKS}/{tasks[0]['id']}"))

    response = crew.owner.api.delete(f"{PROJECTS}/{crew.project_id}")

    assert response.status_code == 204, response.text
    expect_error(crew.owner.api.get(f"{PROJECTS}/{crew.project_id}"), 404, "NOT_FOUND")
    for task in tasks:
        expect_error(crew.owner.api.get(f"{TASKS}/{task['id']}"), 404, "NOT_FOUND")
    expect_error(crew.owner.api.get(TASKS, params={"project_id": crew.project_id}), 404, "NOT_FOUND")

    # Admins see every object, so only the removal of the rows hides the tasks from them.
    statuses: dict[str, int] = {}

    def every_task_gone() -> bool:
        for task in tasks:
            statuses[task["id"]] = admin.api.get(f"{TASKS}/{task['id']}").status_code
        return all(status == 404 for status in statuses.values())

    assert poll_until(every_task_gone, PROJECT_DELETION_POLL_SECONDS, interval=0.25), (
        f"{PROJECT_DELETION_POLL_SECONDS} s after the project was deleted, an admin still gets {statuses}"
    )


def test_deleted_project_frees_blocked_task(crew):
    other_project = create_project(crew.owner)
    survivor = create_task(crew.owner, other_project["id"])
    doomed = create_task(crew.owner, crew.project_id)
    expect_data(crew.owner.api.post(f"{TASKS}/{survivor['id']}/dependencies", {"depends_on_id": doomed["id"]}), 201)

    assert crew.owner.api.delete(f"{PROJECTS}/{crew.project_id}").status_code == 204

    statuses: list[int] = []

    def survivor_completes() -> bool:
        response = crew.owner.api.post(f"{TASKS}/{survivor['id']}/status", {"status": "done"})
        statuses.append(response.status_code)
        return response.status_code == 200

    assert poll_until(survivor_completes, PROJECT_DELETION_POLL_SECONDS, interval=0.25), (
        f"a task blocked only by a deleted project's task still cannot be completed: {statuses[-3:]}"
    )
    assert expect_data(crew.owner.api.get(f"{TASKS}/{survivor['id']}/dependencies"))["blocked_by"] == []


def race_creation_with_deletion(owner, writer_account, project_id) -> tuple[list[str], list[int]]:
    """Create tasks in a project from RACING_WRITERS threads until each is rejected, deleting the project meanwhile.

    Returns the ids of the tasks created and the status of every writer's rejected request.
    """
    created_ids: list[str] = []
    rejected_statuses: list[int] = []
    lock = threading.Lock()

    with BulkClient(writer_account) as client:

        def create_until_rejected(writer: int) -> None:
            for index in range(10_000):
                response = client.post(TASKS, {"project_id": project_id, "title": f"Racer {writer}.{index}"})
                with lock:
                    if response.status_code != 201:
                        rejected_statuses.append(response.status_code)
                        return
                    created_ids.append(response.json()["data"]["id"])

        threads = [threading.Thread(target=create_until_rejected, args=(writer,)) for writer in range(RACING_WRITERS)]
        for thread in threads:
            thread.start()
        poll_until(lambda: len(created_ids) >= 50, timeout=10, interval=0.01)
        response = owner.api.delete(f"{PROJECTS}/{project_id}")
        for thread in threads:
            thread.join(timeout=60)

    assert response.status_code == 204, describe(response)
    return created_ids, rejected_statuses


def test_tasks_created_during_deletion_are_removed(crew, admin):
    """Tasks whose creation races with the project's deletion must not outlive the project."""
    created_ids: list[str] = []
    for round_number in range(DELETION_RACE_ROUNDS):
        project = create_project(crew.owner)
        add_project_member(crew.owner, project["id"], crew.member.id, "member")

        round_ids, rejected_statuses = race_creation_with_deletion(crew.owner, crew.member, project["id"])

        created_ids += round_ids
        assert rejected_statuses == [400] * RACING_WRITERS, f"round {round_number}: writers stopped with {rejected_statuses}"
    surviving: list[str] = []

    def every_task_gone() -> bool:
        surviving[:] = [task_id for task_id in created_ids if admin.api.get(f"{TASKS}/{task_id}").status_code != 404]
        return not surviving

    if not poll_until(every_task_gone, PROJECT_DELETION_POLL_SECONDS, interval=0.5):
        example = describe(admin.api.get(f"{TASKS}/{surviving[0]}"))
        raise AssertionError(
            f"{len(surviving)} of {len(created_ids)} tasks created around the deletion still exist for an admin "
            f"{PROJECT_DELETION_POLL_SECONDS} s later, such as {example}"
        )
