import HTTPServer
import Platform

extension AuthService {
    public var operations: [APIOperation] {
        let tag = "auth"
        let email = Schema.string(maxLength: 254, format: "email")
        let password = Schema.string(minLength: 8, maxLength: 1024)
        let refresh = Schema.object([("refresh_token", Schema.string)], required: ["refresh_token"])
        let limited = [(429, "Over the authentication rate limit")]
        return [
            APIOperation(
                "POST",
                "/api/v1/auth/register",
                summary: "Register a user and mail a verification token",
                tag: tag,
                requiresAuthentication: false,
                requestBody: Schema.object(
                    [
                        ("email", email), ("username", Schema.string(minLength: 3, maxLength: 100)),
                        ("password", password), ("first_name", Schema.string(maxLength: 150)),
                        ("last_name", Schema.string(maxLength: 150)),
                    ],
                    required: ["email", "username", "password"]
                ),
                responses: [(201, "The new user in data.user"), (400, "Invalid input or a taken email or username")]
                    + limited
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/login",
                summary: "Log in with email and password",
                tag: tag,
                requiresAuthentication: false,
                requestBody: Schema.object(
                    [("email", email), ("password", Schema.string)],
                    required: ["email", "password"]
                ),
                responses: [
                    (200, "access_token, refresh_token, token_type, expires_in and user"),
                    (401, "INVALID_CREDENTIALS for a wrong password, an unknown or a deactivated account"),
                    (423, "ACCOUNT_LOCKED after too many failures; Retry-After is set"),
                ] + limited
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/token/refresh",
                summary: "Rotate a refresh token",
                tag: tag,
                requiresAuthentication: false,
                requestBody: refresh,
                responses: [(200, "A new token pair"), (401, "Invalid, expired, reused or revoked token")] + limited
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/logout",
                summary: "Revoke one refresh token of the caller",
                tag: tag,
                requestBody: refresh,
                responses: [(200, "Revoked"), (400, "Not a refresh token of the caller")]
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/logout-all",
                summary: "Revoke every token of the caller",
                tag: tag,
                responses: [(200, "Revoked")]
            ),
            APIOperation(
                "GET",
                "/api/v1/auth/me",
                summary: "The caller's user, as data itself",
                tag: tag,
                responses: [(200, "The user")]
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/verify-email",
                summary: "Verify the email with a mailed token",
                tag: tag,
                requiresAuthentication: false,
                requestBody: Schema.object([("token", Schema.string)], required: ["token"]),
                responses: [(200, "Verified"), (400, "Unknown, used or expired token")]
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/verify-email/resend",
                summary: "Mail a new verification token",
                tag: tag,
                responses: [(202, "Accepted")]
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/password/forgot",
                summary: "Mail a password reset token",
                tag: tag,
                requiresAuthentication: false,
                requestBody: Schema.object([("email", email)], required: ["email"]),
                responses: [(202, "Accepted, whether or not the email is known")] + limited
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/password/reset",
                summary: "Set a new password with a reset token",
                tag: tag,
                requiresAuthentication: false,
                requestBody: Schema.object(
                    [("token", Schema.string), ("password", password)],
                    required: ["token", "password"]
                ),
                responses: [(200, "Password set; every session revoked"), (400, "Unknown, used or expired token")]
                    + limited
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/password/change",
                summary: "Change the caller's password",
                tag: tag,
                requestBody: Schema.object(
                    [("current_password", Schema.string), ("new_password", password)],
                    required: ["current_password", "new_password"]
                ),
                responses: [(200, "A fresh token pair; other sessions revoked"), (400, "Wrong current password")]
            ),
            APIOperation(
                "GET",
                "/api/v1/auth/users/{id}/roles",
                summary: "A user's roles (admin)",
                tag: tag,
                responses: [(200, "The roles"), (403, "The caller is not an admin"), (404, "No such user")]
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/users/{id}/roles",
                summary: "Grant a role (admin)",
                tag: tag,
                requestBody: Schema.object(
                    [("role", Schema.string(minLength: 1, maxLength: 50)), ("expires_at", Schema.dateTime)],
                    required: ["role"]
                ),
                responses: [(201, "The granted role"), (403, "The caller is not an admin"), (404, "No such user")]
            ),
            APIOperation(
                "DELETE",
                "/api/v1/auth/users/{id}/roles/{role}",
                summary: "Remove a role (admin)",
                tag: tag,
                responses: [(204, "Removed"), (403, "The caller is not an admin"), (404, "No such user or role")]
            ),
            APIOperation(
                "POST",
                "/api/v1/auth/users/{id}/deactivate",
                summary: "Deactivate a user (admin)",
                tag: tag,
                responses: [(200, "The deactivated user"), (403, "The caller is not an admin"), (404, "No such user")]
            ),
        ]
    }
}
