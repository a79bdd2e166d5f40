"""Send HTTP/1.1 requests over a plain socket, for bodies that `requests` cannot send as wanted.

A server may respond with 413 and close the connection before the whole body is sent, so send
errors are ignored and the response is read from whatever the server wrote back.
"""

from __future__ import annotations

import socket
from http.client import HTTPResponse
from urllib.parse import urlsplit

SOCKET_TIMEOUT_SECONDS = 30
CHUNK_BYTES = 64 * 1024


def open_socket(base_url: str) -> tuple[socket.socket, str]:
    parts = urlsplit(base_url)
    connection = socket.create_connection((parts.hostname, parts.port), timeout=SOCKET_TIMEOUT_SECONDS)
    return connection, parts.netloc


def send_ignoring_reset(connection: socket.socket, data: bytes) -> bool:
    """Send `data`, and return False when the server closed or reset the connection first."""
    try:
        connection.sendall(data)
        return True
    except (BrokenPipeError, ConnectionResetError):
        return False


def read_response(connection: socket.socket) -> tuple[int, dict[str, str], bytes]:
    response = HTTPResponse(connection)
    try:
        response.begin()
        body = response.read()
    except (ConnectionResetError, OSError) as error:
        raise AssertionError(f"the server sent no complete HTTP response: {error}") from None
    return response.status, dict(response.getheaders()), body


def read_response_keep_open(connection: socket.socket) -> int:
    """Read one response with a Content-Length body, leave the connection open and return the status."""
    response = HTTPResponse(connection)
    response.begin()
    response.read()
    return response.status


def send_with_length(
    base_url: str,
    method: str,
    path: str,
    body: bytes,
    content_length: int | None = None,
    content_type: str = "application/json",
) -> tuple[int, dict[str, str], bytes]:
    """Send `body` with a Content-Length header (default: its true length) and return the response."""
    connection, host = open_socket(base_url)
    with connection:
        length = len(body) if content_length is None else content_length
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
        ).encode("ascii")
        if send_ignoring_reset(connection, head):
            for start in range(0, len(body), CHUNK_BYTES):
                if not send_ignoring_reset(connection, body[start:start + CHUNK_BYTES]):
                    break
        return read_response(connection)


def send_chunked(
    base_url: str, method: str, path: str, body: bytes, content_type: str = "application/json"
) -> tuple[int, dict[str, str], bytes]:
    """Send `body` with `Transfer-Encoding: chunked` and return the response."""
    connection, host = open_socket(base_url)
    with connection:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\n"
            f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        ).encode("ascii")
        sent = send_ignoring_reset(connection, head)
        start = 0
        while sent and start < len(body):
            chunk = body[start:start + CHUNK_BYTES]
            sent = send_ignoring_reset(connection, b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            start += CHUNK_BYTES
        if sent:
            send_ignoring_reset(connection, b"0\r\n\r\n")
        return read_response(connection)
