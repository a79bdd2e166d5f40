"""The `cairn import github-issues` command on a real GitHub export, checked through the HTTP API.

The export is the issue backup of bitcoin-core/secp256k1, with labels, milestones and a comment file.
Every expected number is computed from the file itself. The tests are skipped when the exports are not
in the `shared/data` directory next to the repository.
"""

import json
import re
from pathlib import Path

import pytest

from cairn_e2e.api import expect_error, login, register_and_login

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
EXPORTS = REPOSITORY_ROOT.parent / "shared" / "data"
ISSUES = EXPORTS / "github-issues-bitcoin-core-secp256k1.json"
COMMENTS = EXPORTS / "github-issue-comments-bitcoin-core-secp256k1.json"
PROJECT_KEY = "SECP"
PAGE_SIZE = 200


@pytest.fixture(scope="module")
def expected() -> dict:
    """Counts computed from the export the way the importer must read it."""
    if not ISSUES.is_file() or not COMMENTS.is_file():
        pytest.skip(f"the real GitHub exports are not present: {ISSUES.name} and {COMMENTS.name} in {EXPORTS}")
    issues: dict[int, dict] = {}
    for record in json.loads(ISSUES.read_text(encoding="utf-8")):
        if record.get("pull_request") is None:
            issues[record["number"]] = record
    ordered = [issues[number] for number in sorted(issues)]
    labels = {
        label["name"] if isinstance(label, dict) else label
        for issue in ordered
        for label in issue.get("labels") or []
    }
    people = set()
    for issue in ordered:
        if issue.get("user"):
            people.add(issue["user"]["login"])
        for assignee in [issue.get("assignee")] + (issue.get("assignees") or []):
            if assignee:
                people.add(assignee["login"])
    return {
        "tasks": len(ordered),
        "done": sum(1 for issue in ordered if issue["state"] == "closed"),
        "todo": sum(1 for issue in ordered if issue["state"] == "open"),
        "labels": labels,
        "milestones": {issue["milestone"]["title"] for issue in ordered if issue.get("milestone")},
        "people": people,
        "comments": len(json.loads(COMMENTS.read_text(encoding="utf-8"))),
        "issues": ordered,
    }


def run_import(server, owner_email: str):
    return server.run_command(
        "import", "github-issues", str(ISSUES), "--comments", str(COMMENTS),
        "--project-key", PROJECT_KEY, "--owner", owner_email,
    )


def summary_count(output: str, pattern: str) -> tuple[int, ...]:
    """Return the numbers of the summary line that matches `pattern`, such as `Tasks: (\\d+) created`."""
    match = re.search(pattern, output, re.MULTILINE)
    assert match, f"no line matching {pattern!r} in the import output:\n{output}"
    return tuple(int(group) for group in match.groups())


def list_all(account, path: str, **params) -> list[dict]:
    """Follow `next_cursor` through every page of a list endpoint."""
    items: list[dict] = []
    cursor = None
    while True:
        query = {"limit": str(PAGE_SIZE), **params}
        if cursor:
            query["cursor"] = cursor
        response = account.api.get(path, params=query)
        assert response.status_code == 200, f"GET {path} returned {response.status_code}: {response.text[:500]}"
        body = response.json()
        items += body["data"]
        cursor = body["meta"]["next_cursor"]
        if not cursor:
            return items


def imported_project(owner) -> dict:
    projects = [project for project in list_all(owner, "/api/v1/projects") if project["key"] == PROJECT_KEY]
    assert len(projects) == 1, f"expected one project {PROJECT_KEY} for the owner, found {projects}"
    return projects[0]


@pytest.fixture
def imported(server_factory, expected):
    """A server whose owner imported the export once while it was serving."""
    server = server_factory()
    owner = register_and_login(server)
    result = run_import(server, owner.email)
    assert result.returncode == 0, f"the import exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return server, owner, result


def test_import_matches_file(imported, expected):
    _, owner, _ = imported
    project = imported_project(owner)
    tasks = list_all(owner, "/api/v1/tasks", project_id=project["id"])

    assert project["name"] == "secp256k1"
    assert project["role"] == "owner"
    assert len(tasks) == expected["tasks"]
    assert sum(1 for task in tasks if task["status"] == "todo") == expected["todo"]
    assert sum(1 for task in tasks if task["status"] == "done") == expected["done"]
    assert {label for task in tasks for label in task["labels"]} == expected["labels"]
    milestones = list_all(owner, f"/api/v1/projects/{project['id']}/milestones")
    assert {milestone["name"] for milestone in milestones} == expected["milestones"]


def test_import_keeps_order_and_dates(imported, expected):
    _, owner, _ = imported
    project = imported_project(owner)
    tasks = sorted(list_all(owner, "/api/v1/tasks", project_id=project["id"]), key=lambda task: task["number"])

    assert [task["number"] for task in tasks] == list(range(1, expected["tasks"] + 1))
    for task, issue in zip(tasks, expected["issues"]):
        assert task["title"] == issue["title"].strip(), f"task {task['number']} is not issue #{issue['number']}"
        assert task["created_at"] == issue["created_at"].replace("Z", ".000Z")
        if issue["state"] == "closed":
            assert task["completed_at"] == issue["closed_at"].replace("Z", ".000Z")
        else:
            assert task["completed_at"] is None


def test_import_output_counts(imported, expected):
    _, _, result = imported

    assert summary_count(result.stdout, r"^Tasks: (\d+) created, (\d+) existing") == (expected["tasks"], 0)
    assert summary_count(result.stdout, r"^Milestones: (\d+) created, (\d+) existing") == (len(expected["milestones"]), 0)
    assert summary_count(result.stdout, r"^Placeholder members: (\d+) created, (\d+) existing") == (len(expected["people"]), 0)
    assert summary_count(result.stdout, r"^Comments skipped: (\d+)") == (expected["comments"],)
    assert summary_count(result.stdout, r"^Rejected records: (\d+)") == (0,)


def test_second_import_creates_nothing(imported, expected):
    server, owner, _ = imported
    project = imported_project(owner)
    before = {task["id"] for task in list_all(owner, "/api/v1/tasks", project_id=project["id"])}

    again = run_import(server, owner.email)

    assert again.returncode == 0, f"the second import exited with {again.returncode}:\n{again.stdout}\n{again.stderr}"
    assert summary_count(again.stdout, r"^Tasks: (\d+) created, (\d+) existing") == (0, expected["tasks"])
    assert summary_count(again.stdout, r"^Milestones: (\d+) created, (\d+) existing") == (0, len(expected["milestones"]))
    assert summary_count(again.stdout, r"^Placeholder members: (\d+) created, (\d+) existing") == (0, len(expected["people"]))
    assert imported_project(owner)["id"] == project["id"]
    after = {task["id"] for task in list_all(owner, "/api/v1/tasks", project_id=project["id"])}
    assert after == before
    milestones = list_all(owner, f"/api/v1/projects/{project['id']}/milestones")
    assert len(milestones) == len(expected["milestones"])


def test_placeholders_are_members(imported, expected):
    server, owner, _ = imported
    project = imported_project(owner)
    members = list_all(owner, f"/api/v1/projects/{project['id']}/members")

    roles = {member["user_id"]: member["role"] for member in members}
    assert roles.pop(owner.id) == "owner"
    assert len(roles) == len(expected["people"])
    assert set(roles.values()) == {"member"}
    someone = sorted(expected["people"])[0]
    expect_error(login(server, f"{someone}@placeholder.invalid", "any-password-1"), 401, "INVALID_CREDENTIALS")


def test_unknown_owner_is_rejected(server_factory, expected):
    server = server_factory()

    result = run_import(server, "nobody@example.test")

    assert result.returncode != 0
    assert "no active user has the email nobody@example.test" in result.stderr
