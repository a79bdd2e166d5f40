"""A server killed with SIGKILL mid-write loses no acknowledged registration."""

import threading
import time

import requests

from cairn_e2e.api import Api, expect_data, login, new_registration, poll_until

WRITER_THREADS = 4
REGISTRATIONS_PER_THREAD = 12
KILL_AFTER_ACKNOWLEDGED = 10
PROFILE_WAIT_SECONDS = 10


def test_acknowledged_registrations_survive_kill(server_factory):
    server = server_factory()
    acknowledged: list[dict] = []
    lock = threading.Lock()
    enough_acknowledged = threading.Event()

    def register_many() -> None:
        for _ in range(REGISTRATIONS_PER_THREAD):
            body = new_registration()
            try:
                response = Api(server).post("/api/v1/auth/register", body)
            except requests.RequestException:
                return  # The server was killed.
            if response.status_code == 201:
                with lock:
                    acknowledged.append(body)
                    if len(acknowledged) >= KILL_AFTER_ACKNOWLEDGED:
                        enough_acknowledged.set()

    threads = [threading.Thread(target=register_many) for _ in range(WRITER_THREADS)]
    for thread in threads:
        thread.start()
    assert enough_acknowledged.wait(timeout=120), f"only {len(acknowledged)} registrations succeeded"
    server.kill()
    killed_at = time.monotonic()
    for thread in threads:
        thread.join(timeout=30)
    with lock:
        survivors = list(acknowledged)
    assert len(survivors) < WRITER_THREADS * REGISTRATIONS_PER_THREAD, (
        "every registration finished before the kill, so the test proved nothing; raise REGISTRATIONS_PER_THREAD"
    )

    server.start()

    lost = []
    for body in survivors:
        response = login(server, body["email"], body["password"])
        if response.status_code != 200:
            lost.append((body["email"], response.status_code, response.text[:200]))
    assert lost == [], f"{len(lost)} of {len(survivors)} acknowledged users cannot log in after the restart: {lost}"
    assert time.monotonic() - killed_at < 300


def test_profiles_exist_after_kill(server_factory):
    """The user.registered event of an acknowledged registration survives a kill, so the profile appears."""
    server = server_factory()
    bodies = [new_registration() for _ in range(3)]
    for body in bodies:
        expect_data(Api(server).post("/api/v1/auth/register", body), 201)

    server.kill()
    server.start()

    for body in bodies:
        token = expect_data(login(server, body["email"], body["password"]))["access_token"]
        client = Api(server, token)
        found = poll_until(lambda: client.get("/api/v1/users/profile").status_code == 200, PROFILE_WAIT_SECONDS)
        assert found, f"no profile for {body['email']} {PROFILE_WAIT_SECONDS} s after the restart"
