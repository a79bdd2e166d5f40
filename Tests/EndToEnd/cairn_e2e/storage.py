"""Storage backends that a test server can run on: SQLite files or PostgreSQL databases."""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Services that own a database. Each gets CAIRN_<SERVICE>_DATABASE_URL so that every test
# server works on databases of its own, also for services that are not built yet.
DATABASE_SERVICES = ("auth", "user", "project", "task", "time", "comment", "file", "analytics")


class SqliteStorage:
    """SQLite files under the server's data directory, the server's default."""

    name = "sqlite"

    def new_namespace(self) -> str:
        return ""

    def environment(self, namespace: str) -> dict[str, str]:
        return {}

    def drop(self, namespace: str) -> None:
        pass

    def rows_containing(self, data_dir: Path, namespace: str, needle: str) -> list[str]:
        """Return `file:table` for every table row under `data_dir` whose text contains `needle`."""
        hits = []
        for database_file in sorted(data_dir.rglob("*.sqlite3")):
            connection = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True, timeout=10)
            try:
                tables = [
                    row[0]
                    for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                ]
                for table in tables:
                    columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
                    for column in columns:
                        query = f'SELECT count(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE ?'
                        (count,) = connection.execute(query, (f"%{needle}%",)).fetchone()
                        if count:
                            hits.append(f"{database_file.name}:{table}.{column}")
            finally:
                connection.close()
        return hits


class PostgresStorage:
    """Fresh PostgreSQL databases per test server on the server named by `server_url`.

    The databases are named `e2e_<random>_<service>`, created by Cairn itself on first use,
    and dropped with `psql` when the test server is discarded.
    """

    name = "postgres"

    def __init__(self, server_url: str):
        self.server_url = server_url
        self.psql = find_psql()

    def new_namespace(self) -> str:
        return f"e2e_{secrets.token_hex(4)}"

    def database_url(self, database: str) -> str:
        parts = urlsplit(self.server_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))

    def environment(self, namespace: str) -> dict[str, str]:
        environment = {"CAIRN_DATABASE_URL": self.server_url}
        for service in DATABASE_SERVICES:
            variable = f"CAIRN_{service.upper()}_DATABASE_URL"
            environment[variable] = self.database_url(f"{namespace}_{service}")
        return environment

    def run_sql(self, sql: str, database_url: str | None = None) -> str:
        result = subprocess.run(
            [self.psql, "--no-psqlrc", "--tuples-only", "--no-align", "-v", "ON_ERROR_STOP=1",
             database_url or self.server_url, "-c", sql],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            raise RuntimeError(f"psql failed on {sql!r}: {result.stderr.strip()}")
        return result.stdout

    def existing_databases(self, namespace: str) -> list[str]:
        output = self.run_sql(f"SELECT datname FROM pg_database WHERE datname LIKE '{namespace}\\_%'")
        return [line.strip() for line in output.splitlines() if line.strip()]

    def drop(self, namespace: str) -> None:
        for database in self.existing_databases(namespace):
            self.run_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def rows_containing(self, data_dir: Path, namespace: str, needle: str) -> list[str]:
        """Return `database:table` for every table row of this namespace whose text contains `needle`."""
        hits = []
        escaped = needle.replace("'", "''")
        for database in self.existing_databases(namespace):
            url = self.database_url(database)
            tables = self.run_sql(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                "FROM information_schema.tables "
                "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
                url,
            ).split()
            for table in tables:
                count = self.run_sql(f"SELECT count(*) FROM {table} t WHERE t::text LIKE '%{escaped}%'", url)
                if int(count.strip() or 0):
                    hits.append(f"{database}:{table}")
        return hits


def find_psql() -> str:
    """Return the path of `psql`, from PATH or from a Debian PostgreSQL installation."""
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    if candidates:
        return candidates[-1]
    raise FileNotFoundError(
        "psql was not found on PATH or under /usr/lib/postgresql; install the PostgreSQL client "
        "(apt-get install postgresql-client) to run the postgres tests"
    )


def storage_from_name(name: str) -> SqliteStorage | PostgresStorage:
    if name == "sqlite":
        return SqliteStorage()
    server_url = os.environ.get("CAIRN_TEST_DATABASE_URL", "")
    return PostgresStorage(server_url)
