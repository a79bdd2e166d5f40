"""Graceful shutdown: SIGTERM and SIGINT let requests in flight finish, then exit with code 0."""

import signal
import threading
import time

import requests

from cairn_e2e.api import Api, login, new_registration
from cairn_e2e.rawhttp import open_socket, read_response_keep_open

IN_FLIGHT_REQUESTS = 16
# Time between starting the requests and sending the signal, so that the server has
# accepted every connection while the password hashing is still running.
SIGNAL_DELAY_SECONDS = 0.15


def test_sigterm_finishes_in_flight(server_factory):
    server = server_factory()
    bodies = [new_registration() for _ in range(IN_FLIGHT_REQUESTS)]
    results: dict[int, tuple[int, float] | str] = {}
    lock = threading.Lock()

    def register_one(index: int) -> None:
        try:
            response = Api(server).post("/api/v1/auth/register", bodies[index], timeout=30)
            outcome = (response.status_code, time.monotonic())
        except requests.RequestException as error:
            outcome = f"{type(error).__name__}: {error}"
        with lock:
            results[index] = outcome

    threads = [threading.Thread(target=register_one, args=(index,)) for index in range(IN_FLIGHT_REQUESTS)]
    for thread in threads:
        thread.start()
    time.sleep(SIGNAL_DELAY_SECONDS)
    signalled_at = time.monotonic()
    server.send_signal(signal.SIGTERM)
    for thread in threads:
        thread.join(timeout=60)
    exit_code = server.process.wait(timeout=30)

    assert exit_code == 0, server.describe_output()
    failures = {index: outcome for index, outcome in results.items() if not isinstance(outcome, tuple) or outcome[0] != 201}
    assert failures == {}, f"requests in flight at SIGTERM did not complete: {failures}"
    finished_after_signal = [outcome for outcome in results.values() if outcome[1] > signalled_at]
    assert finished_after_signal, "every request finished before SIGTERM, so nothing was in flight"

    server.start()
    for body in bodies:
        assert login(server, body["email"], body["password"]).status_code == 200, body["email"]


def test_sigint_exits_zero(server_factory):
    server = server_factory()

    exit_code = server.stop(signal.SIGINT)

    assert exit_code == 0, server.describe_output()


def test_sigterm_idle_exits_zero(server_factory):
    server = server_factory()

    exit_code = server.stop(signal.SIGTERM)

    assert exit_code == 0, server.describe_output()


def test_idle_keep_alive_does_not_block(server_factory):
    """An idle keep-alive connection must not hold a graceful shutdown open."""
    server = server_factory()
    connection, host = open_socket(server.url)
    with connection:
        connection.sendall(f"GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("ascii"))
        status = read_response_keep_open(connection)
        assert status == 200

        started = time.monotonic()
        exit_code = server.stop(signal.SIGTERM, timeout=15)

    assert exit_code == 0, server.describe_output()
    assert time.monotonic() - started < 15
