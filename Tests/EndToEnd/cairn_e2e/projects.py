"""Helpers for projects, their members and milestones, tasks and their templates."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Callable

from .api import Account, Api, describe, expect_data, expect_success

PROJECTS = "/api/v1/projects"
PROJECT_TEMPLATES = "/api/v1/project-templates"
TASKS = "/api/v1/tasks"
TASK_TEMPLATES = "/api/v1/task-templates"

PROJECT_ROLES = ("owner", "manager", "member", "viewer")
TASK_STATUSES = ("todo", "in_progress", "in_review", "done", "cancelled")
PRIORITY_RANKS = {"low": 0, "medium": 1, "high": 2, "urgent": 3}

# Fields of a user summary. A summary never carries the email address.
USER_SUMMARY_FIELDS = {"id", "username", "first_name", "last_name"}

# Maximum number of pages `collect_pages` follows before it fails, so a cursor that never ends cannot hang a test.
MAX_PAGES = 1000


def create_project(owner: Account, **fields) -> dict:
    body = {"name": f"Project {secrets.token_hex(4)}", **fields}
    return expect_data(owner.api.post(PROJECTS, body), 201)


def add_project_member(actor: Account, project_id: str, user_id: str, role: str) -> dict:
    response = actor.api.post(f"{PROJECTS}/{project_id}/members", {"user_id": user_id, "role": role})
    return expect_data(response, 201)


def project_roles(actor: Account, project_id: str) -> dict[str, str]:
    """Return {user_id: role} of a project's members as listed for `actor`, over every page."""
    members = collect_pages(actor.api, f"{PROJECTS}/{project_id}/members", {"limit": "200"})
    return {member["user_id"]: member["role"] for member in members}


def create_milestone(actor: Account, project_id: str, **fields) -> dict:
    body = {"name": f"Milestone {secrets.token_hex(4)}", **fields}
    return expect_data(actor.api.post(f"{PROJECTS}/{project_id}/milestones", body), 201)


def create_task(actor: Account, project_id: str, **fields) -> dict:
    body = {"project_id": project_id, "title": f"Task {secrets.token_hex(4)}", **fields}
    return expect_data(actor.api.post(TASKS, body), 201)


def get_task(actor: Account, task_id: str) -> dict:
    return expect_data(actor.api.get(f"{TASKS}/{task_id}"))


def collect_pages(api: Api, path: str, params: dict[str, str] | None = None) -> list[dict]:
    """Follow `meta.next_cursor` from the first page to the last and return every item in order."""
    items: list[dict] = []
    query = dict(params or {})
    for _ in range(MAX_PAGES):
        response = api.get(path, params=query)
        body = expect_success(response)
        assert isinstance(body["data"], list), describe(response)
        items.extend(body["data"])
        next_cursor = body.get("meta", {}).get("next_cursor")
        if not next_cursor:
            return items
        query["cursor"] = next_cursor
    raise AssertionError(f"GET {path} still returned a next_cursor after {MAX_PAGES} pages")


def project_tasks(actor: Account, project_id: str, **params: str) -> list[dict]:
    """Return every task of a project that matches `params`, over every page."""
    return collect_pages(actor.api, TASKS, {"project_id": project_id, "limit": "200", **params})


def ids_of(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


@dataclass
class ProjectCrew:
    """A project with one direct member in each role, and an outsider who is not a member."""

    owner: Account
    manager: Account
    member: Account
    viewer: Account
    outsider: Account
    project: dict

    @property
    def project_id(self) -> str:
        return self.project["id"]


def build_crew(make_user: Callable[[], Account]) -> ProjectCrew:
    owner = make_user()
    manager = make_user()
    member = make_user()
    viewer = make_user()
    outsider = make_user()
    project = create_project(owner, description="Shared by the crew")
    add_project_member(owner, project["id"], manager.id, "manager")
    add_project_member(owner, project["id"], member.id, "member")
    add_project_member(owner, project["id"], viewer.id, "viewer")
    return ProjectCrew(owner, manager, member, viewer, outsider, project)


def reference_wording(error: dict, field_name: str, referenced_id: str) -> dict:
    """Return the message and the `details[field_name]` messages of `error` with `referenced_id` replaced by `<id>`.

    A reference to an object the caller cannot see must be worded exactly as one to an id that does not
    exist. Comparing these results for both errors checks that, while allowing each message to repeat its id.
    """
    return {
        "message": error["message"].replace(referenced_id, "<id>"),
        "details": [message.replace(referenced_id, "<id>") for message in error["details"][field_name]],
    }


def documented_orderings(api: Api, path_template: str) -> list[str]:
    """Return the `ordering` values that the OpenAPI document lists for GET on `path_template`."""
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200, describe(response)
    operation = response.json()["paths"][path_template]["get"]
    for parameter in operation.get("parameters", []):
        if parameter.get("name") == "ordering":
            return parameter["schema"]["enum"]
    raise AssertionError(f"the OpenAPI document lists no ordering parameter for GET {path_template}")
