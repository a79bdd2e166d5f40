"""Start, stop and kill `cairn serve` processes on 127.0.0.1 and run the other `cairn` commands."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import requests

from .storage import PostgresStorage, SqliteStorage

READY_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 20
CLI_TIMEOUT_SECONDS = 120

# Settings every test server starts with unless a test overrides them. Rate limits are off so
# that only the rate-limit tests get 429 responses.
BASE_SETTINGS = {
    "CAIRN_RATE_LIMIT_ANON": "off",
    "CAIRN_RATE_LIMIT_USER": "off",
    "CAIRN_RATE_LIMIT_AUTH": "off",
    "CAIRN_LOG_LEVEL": "info",
}


def find_free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment() -> dict[str, str]:
    """Return the current environment without CAIRN_* variables, so the shell cannot leak settings."""
    return {key: value for key, value in os.environ.items() if not key.startswith("CAIRN_")}


class CairnServer:
    """One `cairn serve` process with its data directory, database namespace and stdout log.

    `secrets` collects every password sent and every token received through `Api`, so the
    log tests can check that none of them was written to stdout.
    """

    def __init__(
        self,
        binary: Path,
        storage: SqliteStorage | PostgresStorage,
        data_dir: Path,
        settings: dict[str, str] | None = None,
    ):
        self.binary = binary
        self.storage = storage
        self.data_dir = data_dir
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.namespace = storage.new_namespace()
        self.settings = {**BASE_SETTINGS, **(settings or {})}
        self.port = find_free_port()
        self.process: subprocess.Popen | None = None
        self.stdout_path = data_dir.parent / f"{data_dir.name}.stdout.log"
        self.stderr_path = data_dir.parent / f"{data_dir.name}.stderr.log"
        self.secrets: set[str] = set()
        self.secrets_lock = threading.Lock()
        self.start_count = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    def environment(self) -> dict[str, str]:
        environment = clean_environment()
        environment.update(self.storage.environment(self.namespace))
        environment.update(self.settings)
        environment["CAIRN_DATA_DIR"] = str(self.data_dir)
        return environment

    def remember_secret(self, value: str) -> None:
        if value:
            with self.secrets_lock:
                self.secrets.add(value)

    # Process lifecycle

    def start(self) -> None:
        """Start `cairn serve` and wait until `GET /ready` returns 200."""
        self.start_count += 1
        with open(self.stdout_path, "ab") as stdout, open(self.stderr_path, "ab") as stderr:
            self.process = subprocess.Popen(
                [str(self.binary), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--data-dir", str(self.data_dir)],
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
        self.wait_until_ready()

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        last_problem = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"cairn serve exited with code {self.process.returncode} before it was ready.\n"
                    f"{self.describe_output()}"
                )
            try:
                with requests.get(f"{self.url}/ready", headers={"Connection": "close"}, timeout=2) as response:
                    if response.status_code == 200:
                        return
                    last_problem = f"GET /ready returned {response.status_code}"
            except requests.RequestException as error:
                last_problem = f"GET /ready failed: {error}"
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(
            f"cairn serve was not ready after {READY_TIMEOUT_SECONDS} s ({last_problem}).\n"
            f"{self.describe_output()}"
        )

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def send_signal(self, signal_number: int) -> None:
        self.process.send_signal(signal_number)

    def stop(self, signal_number: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT_SECONDS) -> int:
        """Send `signal_number` and return the exit code. Kill and raise if the exit takes over `timeout` s."""
        if not self.is_running():
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal_number)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError(
                f"cairn serve did not exit within {timeout} s of signal {signal_number}, so it was killed"
            ) from None

    def kill(self) -> None:
        if self.is_running():
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)

    def restart(self) -> None:
        self.kill()
        self.start()

    def discard(self) -> None:
        """Stop the process, killing it if needed, and drop its databases."""
        try:
            if self.is_running():
                try:
                    self.stop()
                except RuntimeError:
                    pass
        finally:
            self.storage.drop(self.namespace)

    # Other commands on the same storage

    def run_command(self, *arguments: str, stdin_text: str | None = None) -> subprocess.CompletedProcess:
        """Run `cairn <arguments>` with this server's storage settings and return the finished process."""
        return subprocess.run(
            [str(self.binary), *arguments],
            env=self.environment(),
            input=stdin_text if stdin_text is not None else "",
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT_SECONDS,
        )

    def create_admin(self, email: str, username: str, password: str) -> subprocess.CompletedProcess:
        return self.run_command(
            "create-admin", "--email", email, "--username", username, "--data-dir", str(self.data_dir),
            stdin_text=password + "\n",
        )

    # Output

    def stdout_lines(self) -> list[str]:
        if not self.stdout_path.exists():
            return []
        return self.stdout_path.read_text(encoding="utf-8", errors="replace").splitlines()

    def log_records(self) -> list[dict]:
        """Return the stdout lines that parse as JSON objects."""
        records = []
        for line in self.stdout_lines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                records.append(record)
        return records

    def rows_containing(self, needle: str) -> list[str]:
        return self.storage.rows_containing(self.data_dir, self.namespace, needle)

    def describe_output(self, line_count: int = 30) -> str:
        stderr = self.stderr_path.read_text(errors="replace").splitlines() if self.stderr_path.exists() else []
        stdout = self.stdout_lines()
        return (
            f"last {line_count} stderr lines of {self.stderr_path}:\n" + "\n".join(stderr[-line_count:]) +
            f"\nlast {line_count} stdout lines of {self.stdout_path}:\n" + "\n".join(stdout[-line_count:])
        )
