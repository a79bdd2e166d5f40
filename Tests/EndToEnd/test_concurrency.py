"""Races: the same unique value, single-use token or lockout counter hit by many threads at once."""

import threading

from cairn_e2e.api import Api, expect_data, expect_error, login, new_registration, register
from cairn_e2e.mail import Outbox

THREAD_COUNT = 8
LOCKOUT_THRESHOLD = 5


def run_at_once(count, action):
    """Run `action(index)` in `count` threads released together, and return the results by index."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        barrier.wait(timeout=10)
        results[index] = action(index)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(result is not None for result in results), "a thread did not finish within 60 s"
    return results


def test_same_email_registered_once(cairn):
    email = new_registration()["email"]
    bodies = [new_registration(email=email) for _ in range(THREAD_COUNT)]

    responses = run_at_once(THREAD_COUNT, lambda index: Api(cairn).post("/api/v1/auth/register", bodies[index]))

    statuses = sorted(response.status_code for response in responses)
    assert statuses.count(201) == 1, statuses
    for response in responses:
        if response.status_code != 201:
            expect_error(response, 400, "VALIDATION_ERROR", "email")
    winners = [body for body, response in zip(bodies, responses) if response.status_code == 201]
    expect_data(login(cairn, email, winners[0]["password"]))


def test_same_username_registered_once(cairn):
    username = new_registration()["username"]
    bodies = [new_registration(username=username) for _ in range(THREAD_COUNT)]

    responses = run_at_once(THREAD_COUNT, lambda index: Api(cairn).post("/api/v1/auth/register", bodies[index]))

    statuses = sorted(response.status_code for response in responses)
    assert statuses.count(201) == 1, statuses
    for response in responses:
        if response.status_code != 201:
            expect_error(response, 400, "VALIDATION_ERROR", "username")


def test_parallel_failures_respect_lockout(cairn):
    """Parallel wrong passwords must not get more guesses checked than the lockout threshold allows."""
    account = register(cairn)
    attempts = 2 * LOCKOUT_THRESHOLD

    responses = run_at_once(
        attempts, lambda index: login(cairn, account.email, f"wrong-password-{index}")
    )

    statuses = sorted(response.status_code for response in responses)
    assert set(statuses) <= {401, 423}, statuses
    assert statuses.count(401) <= LOCKOUT_THRESHOLD, statuses
    expect_error(login(cairn, account.email, account.password), 423, "ACCOUNT_LOCKED")


def test_verification_token_used_once(cairn):
    outbox = Outbox(cairn.mail_dir)
    body = new_registration()
    expect_data(Api(cairn).post("/api/v1/auth/register", body), 201)
    token = outbox.wait_for_new(body["email"], 0).token()

    responses = run_at_once(
        THREAD_COUNT, lambda index: Api(cairn).post("/api/v1/auth/verify-email", {"token": token})
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses.count(200) == 1, statuses
    assert statuses.count(400) == THREAD_COUNT - 1, statuses


def test_reset_token_used_once(cairn):
    outbox = Outbox(cairn.mail_dir)
    account = register(cairn)
    before = len(outbox.messages(account.email))
    Api(cairn).post("/api/v1/auth/password/forgot", {"email": account.email})
    token = outbox.wait_for_new(account.email, before).token()
    passwords = [f"{account.password}-race-{index}" for index in range(THREAD_COUNT)]

    responses = run_at_once(
        THREAD_COUNT,
        lambda index: Api(cairn).post("/api/v1/auth/password/reset", {"token": token, "password": passwords[index]}),
    )

    statuses = [response.status_code for response in responses]
    assert sorted(statuses).count(200) == 1, statuses
    winner = passwords[statuses.index(200)]
    expect_data(login(cairn, account.email, winner))
    for index, password in enumerate(passwords):
        if password != winner:
            expect_error(login(cairn, account.email, password), 401, "INVALID_CREDENTIALS")
            break
