"""Mail delivery to the outbox directory and, when configured, over SMTP to an aiosmtpd sink."""

import email
import email.policy
import re

import pytest

from cairn_e2e.api import Api, expect_data, expect_error, expect_success, new_registration, register
from cairn_e2e.mail import SmtpSink

MAIL_FROM = "cairn-e2e@example.test"


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


def test_outbox_file_is_rfc5322(cairn, outbox):
    body = new_registration()
    before = len(outbox.messages(body["email"]))

    expect_data(Api(cairn).post("/api/v1/auth/register", body), 201)

    outbox.wait_for_new(body["email"], before)
    paths = [
        path for path in cairn.mail_dir.glob("*.eml")
        if body["email"] in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert len(paths) == 1, paths
    message = email.message_from_bytes(paths[0].read_bytes(), policy=email.policy.default)
    assert body["email"] in str(message["To"])
    assert message["Subject"]
    text = message.get_body(preferencelist=("plain", "html")).get_content()
    assert re.search(r"^Token: [A-Za-z0-9_-]+={0,2}\s*$", text, re.MULTILINE), text


def test_outbox_token_verifies(cairn, outbox):
    body = new_registration()
    before = len(outbox.messages(body["email"]))
    expect_data(Api(cairn).post("/api/v1/auth/register", body), 201)

    token = outbox.wait_for_new(body["email"], before).token()

    expect_success(Api(cairn).post("/api/v1/auth/verify-email", {"token": token}), 200)


def test_smtp_verification_mail(server_factory, smtp_sink):
    server = server_factory({"CAIRN_SMTP_URL": smtp_sink.url, "CAIRN_MAIL_FROM": MAIL_FROM})
    body = new_registration()

    response = Api(server).post("/api/v1/auth/register", body)

    expect_data(response, 201)
    mail = smtp_sink.wait_for_new(body["email"], 0)
    assert MAIL_FROM in mail.envelope_sender
    assert mail.subject
    token = mail.token()
    assert token not in response.text
    expect_success(Api(server).post("/api/v1/auth/verify-email", {"token": token}), 200)
    expect_error(Api(server).post("/api/v1/auth/verify-email", {"token": token}), 400, "VALIDATION_ERROR", "token")


def test_smtp_reset_mail(server_factory, smtp_sink):
    server = server_factory({"CAIRN_SMTP_URL": smtp_sink.url, "CAIRN_MAIL_FROM": MAIL_FROM})
    account = register(server)
    before = len(smtp_sink.messages(account.email))

    expect_success(Api(server).post("/api/v1/auth/password/forgot", {"email": account.email}), 202)

    mail = smtp_sink.wait_for_new(account.email, before)
    new_password = account.password + "-smtp"
    expect_success(Api(server).post("/api/v1/auth/password/reset", {"token": mail.token(), "password": new_password}))
    expect_data(Api(server).post("/api/v1/auth/login", {"email": account.email, "password": new_password}))


def test_smtp_tokens_not_logged(server_factory, smtp_sink):
    """With SMTP configured, the verification and reset tokens must not appear in stdout."""
    server = server_factory({"CAIRN_SMTP_URL": smtp_sink.url, "CAIRN_MAIL_FROM": MAIL_FROM})
    account = register(server)
    verification = smtp_sink.wait_for_new(account.email, 0)
    expect_success(Api(server).post("/api/v1/auth/password/forgot", {"email": account.email}), 202)
    reset = smtp_sink.wait_for_new(account.email, 1)

    output = "\n".join(server.stdout_lines())

    assert verification.token() not in output
    assert reset.token() not in output
