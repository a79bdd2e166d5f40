"""Helpers for the Cairn end-to-end tests: server processes, HTTP client, mail, JWTs."""
