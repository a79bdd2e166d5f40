"""Tasks under load: gap-free numbering with parallel writers, and cursors over 10 000 tasks during inserts.

Each test starts a server of its own, so the thousands of tasks it creates do not slow the shared one.
"""

import datetime
import threading

import pytest

from cairn_e2e.api import register_and_login
from cairn_e2e.bulk import BulkClient, parallel_map
from cairn_e2e.projects import PRIORITY_RANKS, TASKS, create_project, ids_of, project_tasks

WRITER_THREADS = 8
CREATES_PER_WRITER = 25

PAGED_TASK_COUNT = 10_000
PAGE_LIMIT = 200
BULK_WORKERS = 16
PRIORITIES = list(PRIORITY_RANKS)
# Orderings paged while tasks are inserted. None means no ordering parameter, so the default -created_at.
PAGED_ORDERINGS = [None, "created_at", "priority", "-priority", "due_date", "-due_date", "position"]


def run_numbered_writers(owner, project_ids):
    """Run WRITER_THREADS threads that start together and each create CREATES_PER_WRITER tasks as `owner`.

    Writer i creates its tasks in project_ids[i % len(project_ids)]. Returns {project_id: [task, ...]}.
    """
    created: dict[str, list[dict]] = {project_id: [] for project_id in project_ids}
    errors: list[BaseException] = []
    lock = threading.Lock()
    start_together = threading.Barrier(WRITER_THREADS)

    with BulkClient(owner) as client:

        def write(writer: int) -> None:
            project_id = project_ids[writer % len(project_ids)]
            try:
                start_together.wait(timeout=30)
                for index in range(CREATES_PER_WRITER):
                    task = client.post_created(TASKS, {"project_id": project_id, "title": f"Writer {writer} #{index}"})
                    with lock:
                        created[project_id].append(task)
            except BaseException as error:  # noqa: BLE001 - reported by the main thread below
                with lock:
                    errors.append(error)

        threads = [threading.Thread(target=write, args=(writer,)) for writer in range(WRITER_THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert not errors, f"{len(errors)} writers failed, the first with: {errors[0]!r}"
    return created


def test_parallel_numbering(server_factory):
    server = server_factory()
    owner = register_and_login(server)
    project = create_project(owner)

    created = run_numbered_writers(owner, [project["id"]])

    total = WRITER_THREADS * CREATES_PER_WRITER
    numbers = sorted(task["number"] for task in created[project["id"]])
    assert numbers == list(range(1, total + 1)), f"numbers are not exactly 1..{total}: {numbers}"
    listed = project_tasks(owner, project["id"])
    assert sorted(task["number"] for task in listed) == list(range(1, total + 1))
    assert len(set(ids_of(listed))) == total


def test_parallel_numbering_two_projects(server_factory):
    server = server_factory()
    owner = register_and_login(server)
    projects = [create_project(owner)["id"] for _ in range(2)]

    created = run_numbered_writers(owner, projects)

    per_project = WRITER_THREADS // 2 * CREATES_PER_WRITER
    for project_id in projects:
        numbers = sorted(task["number"] for task in created[project_id])
        assert numbers == list(range(1, per_project + 1)), f"project {project_id}: {numbers}"


def varied_task_body(project_id: str, index: int) -> dict:
    """Return a task body whose priority and due date vary with `index`. Every third task has no due date."""
    body = {"project_id": project_id, "title": f"Load task {index}", "priority": PRIORITIES[index % 4]}
    if index % 3:
        body["due_date"] = (datetime.date(2027, 1, 1) + datetime.timedelta(days=index % 97)).isoformat()
    return body


class Inserter(threading.Thread):
    """Insert tasks into a project one after another until stopped, and remember their ids."""

    def __init__(self, client: BulkClient, project_id: str):
        super().__init__(daemon=True)
        self.client = client
        self.project_id = project_id
        self.stop_requested = threading.Event()
        self.inserted_ids: list[str] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        index = PAGED_TASK_COUNT
        try:
            while not self.stop_requested.is_set():
                task = self.client.post_created(TASKS, varied_task_body(self.project_id, index))
                self.inserted_ids.append(task["id"])
                index += 1
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error


def page_through(client: BulkClient, project_id: str, ordering: str | None) -> tuple[list[dict], list[int]]:
    """Follow the cursors of one ordering to the end, and return every item and the size of every page."""
    params = {"project_id": project_id, "limit": str(PAGE_LIMIT)}
    if ordering:
        params["ordering"] = ordering
    items: list[dict] = []
    page_sizes: list[int] = []
    for _ in range(PAGED_TASK_COUNT):
        response = client.get(TASKS, params)
        assert response.status_code == 200, f"page {len(page_sizes) + 1} of {ordering}: {response.text[:500]}"
        body = response.json()
        items.extend(body["data"])
        page_sizes.append(len(body["data"]))
        next_cursor = body["meta"]["next_cursor"]
        if not next_cursor:
            return items, page_sizes
        params["cursor"] = next_cursor
    raise AssertionError(f"ordering {ordering} still returned a next_cursor after {PAGED_TASK_COUNT} pages")


def check_order(ordering: str | None, items: list[dict]) -> None:
    if ordering in (None, "created_at"):
        keys = [task["created_at"] for task in items]
        assert keys == sorted(keys, reverse=ordering is None), f"{ordering}: created_at out of order"
    elif ordering in ("priority", "-priority"):
        ranks = [PRIORITY_RANKS[task["priority"]] for task in items]
        assert ranks == sorted(ranks, reverse=ordering.startswith("-")), f"{ordering}: priority ranks out of order"
    elif ordering in ("due_date", "-due_date"):
        dated = [task["due_date"] for task in items if task["due_date"] is not None]
        assert dated == sorted(dated, reverse=ordering.startswith("-")), f"{ordering}: due dates out of order"
    elif ordering == "position":
        positions = [task["position"] for task in items]
        assert positions == sorted(positions), "positions out of order"


@pytest.mark.slow
def test_paging_during_inserts(server_factory):
    server = server_factory()
    owner = register_and_login(server)
    project = create_project(owner)

    with BulkClient(owner) as client:
        existing = parallel_map(
            lambda index: client.post_created(TASKS, varied_task_body(project["id"], index)),
            range(PAGED_TASK_COUNT),
            BULK_WORKERS,
        )
        existing_ids = set(ids_of(existing))
        assert len(existing_ids) == PAGED_TASK_COUNT

        inserter = Inserter(BulkClient(owner), project["id"])
        inserter.start()
        try:
            results = {ordering: page_through(client, project["id"], ordering) for ordering in PAGED_ORDERINGS}
        finally:
            inserter.stop_requested.set()
            inserter.join(timeout=30)
            inserter.client.close()

    assert inserter.error is None, f"the inserting thread failed: {inserter.error!r}"
    assert inserter.inserted_ids, "no task was inserted while paging, so the test proves nothing about inserts"
    inserted_ids = set(inserter.inserted_ids)
    for ordering, (items, page_sizes) in results.items():
        listed = ids_of(items)
        label = ordering or "-created_at (default)"
        assert max(page_sizes) <= PAGE_LIMIT, f"{label}: a page has {max(page_sizes)} items"
        assert len(listed) == len(set(listed)), f"{label}: {len(listed) - len(set(listed))} tasks appear twice"
        missing = existing_ids - set(listed)
        assert not missing, f"{label}: {len(missing)} pre-existing tasks never appeared, such as {sorted(missing)[:3]}"
        unknown = set(listed) - existing_ids - inserted_ids
        assert not unknown, f"{label}: tasks that were never created appeared: {sorted(unknown)[:3]}"
        check_order(ordering, items)
