"""Many API requests from worker threads, each thread on a keep-alive session of its own."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterable, TypeVar

import requests

from .api import REQUEST_TIMEOUT_SECONDS, Account, describe

Item = TypeVar("Item")
Result = TypeVar("Result")


class BulkClient:
    """Send requests as one account from many threads.

    `Api` closes every connection, which costs a TCP handshake per request. Bulk setup of thousands of
    tasks reuses one connection per thread instead. `close()` ends the sessions, so that no idle
    connection delays a later graceful shutdown of the server.
    """

    def __init__(self, account: Account):
        self.base_url = account.server.url
        self.headers = {"Authorization": f"Bearer {account.access_token}", "Content-Type": "application/json"}
        self.local = threading.local()
        self.sessions: list[requests.Session] = []
        self.sessions_lock = threading.Lock()

    def session(self) -> requests.Session:
        session = getattr(self.local, "session", None)
        if session is None:
            session = requests.Session()
            self.local.session = session
            with self.sessions_lock:
                self.sessions.append(session)
        return session

    def post(self, path: str, json_body: Any) -> requests.Response:
        return self.session().post(
            self.base_url + path, data=json.dumps(json_body), headers=self.headers, timeout=REQUEST_TIMEOUT_SECONDS
        )

    def get(self, path: str, params: dict[str, str] | None = None) -> requests.Response:
        return self.session().get(self.base_url + path, params=params, headers=self.headers,
                                  timeout=REQUEST_TIMEOUT_SECONDS)

    def post_created(self, path: str, json_body: Any) -> dict:
        """POST and return `data` of a 201 response. Raise AssertionError on any other response."""
        response = self.post(path, json_body)
        if response.status_code != 201:
            raise AssertionError(describe(response))
        return response.json()["data"]

    def close(self) -> None:
        with self.sessions_lock:
            for session in self.sessions:
                session.close()
            self.sessions.clear()

    def __enter__(self) -> "BulkClient":
        return self

    def __exit__(self, *exception_info) -> None:
        self.close()


def parallel_map(function: Callable[[Item], Result], items: Iterable[Item], workers: int) -> list[Result]:
    """Return `function` applied to every item, in item order, computed on `workers` threads.

    The first exception raised by any call is raised again here.
    """
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))
