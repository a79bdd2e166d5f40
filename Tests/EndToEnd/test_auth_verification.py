"""Email verification: the mail, the token, resending."""

from cairn_e2e.api import Api, expect_data, expect_error, expect_success, new_registration


def register_with_mail(cairn, outbox):
    """Register a user and return (registration body, register response, verification mail)."""
    body = new_registration()
    mails_before = len(outbox.messages(body["email"]))
    response = Api(cairn).post("/api/v1/auth/register", body)
    expect_data(response, 201)
    mail = outbox.wait_for_new(body["email"], mails_before)
    return body, response, mail


def logged_in_api(cairn, body):
    data = expect_data(Api(cairn).post("/api/v1/auth/login", {"email": body["email"], "password": body["password"]}))
    return Api(cairn, data["access_token"])


def test_register_sends_verification_mail(cairn, outbox):
    body, response, mail = register_with_mail(cairn, outbox)

    token = mail.token()

    assert body["email"].lower() in mail.recipients
    assert mail.subject
    assert token not in response.text


def test_verify_email(cairn, outbox, api):
    body, _, mail = register_with_mail(cairn, outbox)

    response = api.post("/api/v1/auth/verify-email", {"token": mail.token()})

    expect_success(response, 200)
    me = expect_data(logged_in_api(cairn, body).get("/api/v1/auth/me"))
    assert me["email_verified"] is True


def test_verify_token_single_use(cairn, outbox, api):
    _, _, mail = register_with_mail(cairn, outbox)
    expect_success(api.post("/api/v1/auth/verify-email", {"token": mail.token()}), 200)

    response = api.post("/api/v1/auth/verify-email", {"token": mail.token()})

    expect_error(response, 400, "VALIDATION_ERROR", "token")


def test_verify_unknown_token(api):
    response = api.post("/api/v1/auth/verify-email", {"token": "unknown-token-" + "A" * 30})

    expect_error(response, 400, "VALIDATION_ERROR", "token")


def test_verify_missing_token(api):
    expect_error(api.post("/api/v1/auth/verify-email", {}), 400, "VALIDATION_ERROR", "token")


def test_verify_token_wrong_type(api):
    expect_error(api.post("/api/v1/auth/verify-email", {"token": 12345}), 400, "VALIDATION_ERROR", "token")


def test_verification_token_not_reset_token(cairn, outbox, api):
    body, _, mail = register_with_mail(cairn, outbox)

    response = api.post("/api/v1/auth/password/reset", {"token": mail.token(), "password": "another-pass-1"})

    expect_error(response, 400, "VALIDATION_ERROR", "token")
    expect_data(Api(cairn).post("/api/v1/auth/login", {"email": body["email"], "password": body["password"]}))


def test_resend_sends_new_token(cairn, outbox):
    body, _, first_mail = register_with_mail(cairn, outbox)
    client = logged_in_api(cairn, body)
    mails_before = len(outbox.messages(body["email"]))

    response = client.post("/api/v1/auth/verify-email/resend")

    expect_success(response, 202)
    second_mail = outbox.wait_for_new(body["email"], mails_before)
    second_token = second_mail.token()
    assert second_token not in response.text
    expect_success(Api(cairn).post("/api/v1/auth/verify-email", {"token": second_token}), 200)
    assert expect_data(client.get("/api/v1/auth/me"))["email_verified"] is True


def test_resend_requires_authentication(api):
    expect_error(api.post("/api/v1/auth/verify-email/resend"), 401, "AUTHENTICATION_FAILED")


def test_verify_ignores_other_fields(cairn, outbox, api):
    body, _, mail = register_with_mail(cairn, outbox)
    other_body, _, _ = register_with_mail(cairn, outbox)
    other_id = expect_data(logged_in_api(cairn, other_body).get("/api/v1/auth/me"))["id"]

    response = api.post("/api/v1/auth/verify-email", {"token": mail.token(), "user_id": other_id})

    expect_success(response, 200)
    assert expect_data(logged_in_api(cairn, body).get("/api/v1/auth/me"))["email_verified"] is True
    assert expect_data(logged_in_api(cairn, other_body).get("/api/v1/auth/me"))["email_verified"] is False
