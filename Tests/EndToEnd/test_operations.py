"""Operational endpoints, request ids, unknown paths and methods."""

import re
import uuid

import pytest

from cairn_e2e.api import Api, expect_data, expect_error, expect_not_found, register_and_login

REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,128}$")

# Every auth and users path with its methods. Path parameters are compared by position
# only, so `{id}` in the document may have any name.
API_OPERATIONS = {
    "/api/v1/auth/register": {"post"},
    "/api/v1/auth/login": {"post"},
    "/api/v1/auth/token/refresh": {"post"},
    "/api/v1/auth/logout": {"post"},
    "/api/v1/auth/logout-all": {"post"},
    "/api/v1/auth/me": {"get"},
    "/api/v1/auth/verify-email": {"post"},
    "/api/v1/auth/verify-email/resend": {"post"},
    "/api/v1/auth/password/forgot": {"post"},
    "/api/v1/auth/password/reset": {"post"},
    "/api/v1/auth/password/change": {"post"},
    "/api/v1/auth/users/{}/roles": {"get", "post"},
    "/api/v1/auth/users/{}/roles/{}": {"delete"},
    "/api/v1/auth/users/{}/deactivate": {"post"},
    "/api/v1/users/profile": {"get", "put", "patch"},
    "/api/v1/users": {"get"},
    "/api/v1/users/{}": {"get"},
    "/api/v1/organizations": {"get", "post"},
    "/api/v1/organizations/{}": {"get", "patch", "delete"},
    "/api/v1/organizations/{}/members": {"get", "post"},
    "/api/v1/organizations/{}/members/{}": {"patch", "delete"},
    "/api/v1/teams": {"get", "post"},
    "/api/v1/teams/{}": {"get", "patch", "delete"},
    "/api/v1/teams/{}/members": {"get", "post"},
    "/api/v1/teams/{}/members/{}": {"patch", "delete"},
}


def test_health(api):
    assert api.get("/health").status_code == 200


def test_ready(api):
    assert api.get("/ready").status_code == 200


# Metrics


def metric_samples(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Parse Prometheus text into (name, labels, value) samples."""
    samples = []
    pattern = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$')
    label_pattern = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = pattern.match(line)
        assert match, f"not a Prometheus sample line: {line!r}"
        labels = dict(label_pattern.findall(match.group(2) or ""))
        samples.append((match.group(1), labels, float(match.group(3))))
    return samples


def metric_types(text: str) -> dict[str, str]:
    types = {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(maxsplit=3)
            types[name] = kind.strip()
    return types


def request_count(text: str, route_fragment: str, status: str) -> tuple[str, float]:
    """Return (metric name, summed value) of the counter samples for a route and status."""
    types = metric_types(text)
    total = 0.0
    names = set()
    for name, labels, value in metric_samples(text):
        base = name[:-len("_total")] if name.endswith("_total") else name
        kind = types.get(name) or types.get(base)
        if kind != "counter":
            continue
        if labels.get("status") == status and labels.get("route", "").endswith(route_fragment):
            total += value
            names.add(name)
    assert len(names) <= 1, f"several counters match route {route_fragment} and status {status}: {names}"
    return (names.pop() if names else ""), total


def test_metrics_content_type(api):
    response = api.get("/metrics")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain"), response.headers["Content-Type"]
    metric_samples(response.text)


def test_metrics_count_requests(api):
    _, before = request_count(api.get("/metrics").text, "/api/v1/auth/me", "401")

    for _ in range(3):
        assert api.get("/api/v1/auth/me").status_code == 401

    name, after = request_count(api.get("/metrics").text, "/api/v1/auth/me", "401")
    assert name, "no counter with route=.../api/v1/auth/me and status=401 labels"
    assert after - before == 3


def test_metrics_latency_histogram(api):
    api.get("/api/v1/auth/me")
    text = api.get("/metrics").text

    histograms = [name for name, kind in metric_types(text).items() if kind == "histogram"]

    assert histograms, "no histogram in /metrics"
    samples = metric_samples(text)
    names = {name for name, _, _ in samples}
    for histogram in histograms:
        assert f"{histogram}_bucket" in names, histogram
        assert f"{histogram}_sum" in names, histogram
        assert f"{histogram}_count" in names, histogram
    buckets = [
        labels for name, labels, _ in samples
        if name.endswith("_bucket") and name[:-len("_bucket")] in histograms
    ]
    assert any(labels.get("le") == "+Inf" for labels in buckets), "no histogram has a +Inf bucket"


def test_metrics_use_route_templates(cairn, admin):
    user_id = register_and_login(cairn).id
    admin.api.get(f"/api/v1/users/{user_id}")
    admin.api.get(f"/api/v1/auth/users/{user_id}/roles")
    unknown_path_marker = str(uuid.uuid4())
    Api(cairn).get(f"/api/v1/no-such-path-{unknown_path_marker}")

    text = Api(cairn).get("/metrics").text

    assert user_id not in text, "a user id appears in /metrics: routes must be templates"
    assert unknown_path_marker not in text, "an unknown path appears in /metrics as a route label"


# OpenAPI


def normalized_path(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def test_openapi_document(api):
    response = api.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    document = response.json()
    assert str(document.get("openapi", "")).startswith("3.1"), document.get("openapi")
    assert isinstance(document.get("info", {}).get("title"), str)
    assert isinstance(document.get("info", {}).get("version"), str)


def test_openapi_lists_every_path(api):
    document = api.get("/api/v1/openapi.json").json()
    documented = {normalized_path(path): {method.lower() for method in item} for path, item in document["paths"].items()}

    for path, methods in API_OPERATIONS.items():
        assert path in documented, f"{path} is missing from the OpenAPI document"
        assert methods <= documented[path], f"{path}: methods {methods - documented[path]} are not documented"


def test_openapi_needs_no_token(api):
    assert api.get("/api/v1/openapi.json").status_code == 200


# Request ids


@pytest.mark.parametrize("request_id", ["abc-123_x.y", "A", "x" * 128, str(uuid.uuid4())])
def test_request_id_echoed(api, request_id):
    response = api.get("/health", headers={"X-Request-ID": request_id})

    assert response.headers.get("X-Request-ID") == request_id


@pytest.mark.parametrize("request_id", ["x" * 129, "has space", "a/b", "semi;colon", "quote\"d", "tab\there", "ünï"])
def test_request_id_replaced(api, request_id):
    response = api.get("/health", headers={"X-Request-ID": request_id.encode("utf-8")})

    returned = response.headers.get("X-Request-ID")
    assert returned, "no X-Request-ID in the response"
    assert returned != request_id
    assert REQUEST_ID_PATTERN.match(returned), returned


def test_request_id_generated(api):
    first = api.get("/health").headers.get("X-Request-ID")
    second = api.get("/health").headers.get("X-Request-ID")

    assert first, "no X-Request-ID in the first response"
    assert second, "no X-Request-ID in the second response"
    assert REQUEST_ID_PATTERN.match(first), first
    assert REQUEST_ID_PATTERN.match(second), second
    assert first != second


def test_request_id_on_errors(api):
    for response in (
        api.get("/api/v1/does-not-exist", headers={"X-Request-ID": "err-1"}),
        api.delete("/api/v1/auth/login", headers={"X-Request-ID": "err-1"}),
        api.get("/api/v1/auth/me", headers={"X-Request-ID": "err-1"}),
        api.post("/api/v1/auth/login", body=b"{", headers={"X-Request-ID": "err-1"}),
    ):
        assert response.headers.get("X-Request-ID") == "err-1", response.status_code


# Unknown paths and methods


@pytest.mark.parametrize(
    "path", ["/api/v1/does-not-exist", "/api/v1/auth/nothing", "/nothing", "/api/v2/auth/me", "/api/v1/users/profile/extra"]
)
def test_unknown_path(api, path):
    expect_not_found(api.get(path))


@pytest.mark.parametrize(
    "method,path,allowed",
    [
        ("DELETE", "/api/v1/auth/login", {"POST"}),
        ("GET", "/api/v1/auth/register", {"POST"}),
        ("PUT", "/api/v1/organizations", {"GET", "POST"}),
        ("DELETE", "/api/v1/users/profile", {"GET", "PUT", "PATCH"}),
        ("POST", "/api/v1/auth/me", {"GET"}),
    ],
)
def test_wrong_method(api, method, path, allowed):
    response = api.request(method, path)

    expect_error(response, 405, "METHOD_NOT_ALLOWED")
    allow_header = response.headers.get("Allow")
    assert allow_header, "405 without an Allow header"
    listed = {item.strip().upper() for item in allow_header.split(",")}
    assert allowed <= listed, f"Allow: {allow_header}"
    assert method not in listed, f"Allow: {allow_header}"


def test_wrong_method_with_path_parameter(make_user):
    account = make_user()

    response = account.api.request("PUT", f"/api/v1/teams/{uuid.uuid4()}/members")

    expect_error(response, 405, "METHOD_NOT_ALLOWED")
    assert {"GET", "POST"} <= {item.strip().upper() for item in response.headers.get("Allow", "").split(",")}


def test_responses_are_json_envelopes(cairn):
    account = register_and_login(cairn)

    me = account.api.get("/api/v1/auth/me")

    assert me.headers["Content-Type"].startswith("application/json")
    expect_data(me)
