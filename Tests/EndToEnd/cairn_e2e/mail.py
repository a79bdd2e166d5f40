"""Read the mail a Cairn server sends: `.eml` files in its outbox directory or an SMTP sink."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from aiosmtpd.controller import Controller

from .server import find_free_port

MAIL_TIMEOUT_SECONDS = 10

# The verification and reset mails carry the token on a line of its own.
TOKEN_LINE = re.compile(r"^Token: ([A-Za-z0-9_-]+={0,2})\s*$", re.MULTILINE)


@dataclass
class MailMessage:
    recipients: list[str]
    subject: str
    body: str
    envelope_sender: str = ""
    raw: bytes = b""

    def token(self) -> str:
        """Return the value of the `Token:` line, or raise AssertionError when there is none."""
        match = TOKEN_LINE.search(self.body)
        assert match, f"no 'Token: <base64url>' line in the mail body: {self.body!r}"
        return match.group(1)


def parse_message(raw: bytes, envelope_sender: str = "") -> MailMessage:
    """Parse an RFC 5322 message and return its recipients, subject and decoded text body."""
    message: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)
    recipients = [address.lower() for _, address in getaddresses(message.get_all("To", []))]
    text_part = message.get_body(preferencelist=("plain", "html"))
    body = text_part.get_content() if text_part is not None else ""
    return MailMessage(
        recipients=recipients,
        subject=str(message.get("Subject", "")),
        body=body,
        envelope_sender=envelope_sender,
        raw=raw,
    )


class Outbox:
    """The `mail/*.eml` directory a server writes when no SMTP server is configured."""

    def __init__(self, directory: Path):
        self.directory = directory

    def messages(self, recipient: str | None = None) -> list[MailMessage]:
        if not self.directory.exists():
            return []
        paths = sorted(self.directory.glob("*.eml"), key=lambda path: (path.stat().st_mtime_ns, path.name))
        messages = [parse_message(path.read_bytes()) for path in paths]
        if recipient is None:
            return messages
        return [message for message in messages if recipient.lower() in message.recipients]

    def file_count(self) -> int:
        return len(list(self.directory.glob("*.eml"))) if self.directory.exists() else 0

    def wait_for_new(self, recipient: str, count_before: int, timeout: float = MAIL_TIMEOUT_SECONDS) -> MailMessage:
        return wait_for_new_message(self, recipient, count_before, timeout)


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 that stores every message it receives."""

    def __init__(self):
        self.port = find_free_port()
        self.received: list[MailMessage] = []
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        message = parse_message(envelope.original_content or envelope.content, envelope.mail_from or "")
        message.recipients = sorted(set(message.recipients) | {address.lower() for address in envelope.rcpt_tos})
        with self.lock:
            self.received.append(message)
        return "250 Message accepted"

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def messages(self, recipient: str | None = None) -> list[MailMessage]:
        with self.lock:
            messages = list(self.received)
        if recipient is None:
            return messages
        return [message for message in messages if recipient.lower() in message.recipients]

    def wait_for_new(self, recipient: str, count_before: int, timeout: float = MAIL_TIMEOUT_SECONDS) -> MailMessage:
        return wait_for_new_message(self, recipient, count_before, timeout)


def wait_for_new_message(
    mailbox: Outbox | SmtpSink, recipient: str, count_before: int, timeout: float
) -> MailMessage:
    """Wait until `recipient` has more than `count_before` messages and return the newest one."""
    deadline = time.monotonic() + timeout
    while True:
        messages = mailbox.messages(recipient)
        if len(messages) > count_before:
            return messages[-1]
        if time.monotonic() >= deadline:
            raise AssertionError(
                f"no new mail to {recipient} within {timeout} s ({len(messages)} mails to that address so far)"
            )
        time.sleep(0.1)
