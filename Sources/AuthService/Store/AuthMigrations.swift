import Database
import Platform

/// The auth database's schema, per dialect.
enum AuthMigrations {
    static func all(for dialect: SQLDialect) -> [Migration] {
        [Migration(version: 1, name: "create_auth_tables", sql: Self.initial(dialect) + Outbox.schema(for: dialect))]
    }

    private static func initial(_ dialect: SQLDialect) -> String {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let time = dialect == .postgres ? "TIMESTAMPTZ" : "TEXT"
        let bool = dialect == .postgres ? "BOOLEAN" : "INTEGER"
        let falseValue = dialect == .postgres ? "FALSE" : "0"
        return """
            CREATE TABLE users (
                id \(uuid) PRIMARY KEY,
                email TEXT NOT NULL,
                email_key TEXT NOT NULL UNIQUE,
                username TEXT NOT NULL,
                username_key TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                first_name TEXT NOT NULL DEFAULT '',
                last_name TEXT NOT NULL DEFAULT '',
                is_active \(bool) NOT NULL,
                email_verified \(bool) NOT NULL DEFAULT \(falseValue),
                last_login_at \(time),
                tokens_valid_after BIGINT NOT NULL DEFAULT 0,
                created_at \(time) NOT NULL,
                updated_at \(time) NOT NULL
            );
            CREATE TABLE user_roles (
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                expires_at \(time),
                granted_at \(time) NOT NULL,
                granted_by \(uuid),
                PRIMARY KEY (user_id, role)
            );
            CREATE TABLE refresh_tokens (
                id \(uuid) PRIMARY KEY,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                family_id \(uuid) NOT NULL,
                issued_at \(time) NOT NULL,
                expires_at \(time) NOT NULL,
                revoked_at \(time)
            );
            CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
            CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
            CREATE TABLE one_time_tokens (
                token_hash TEXT PRIMARY KEY,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                purpose TEXT NOT NULL,
                expires_at \(time) NOT NULL,
                used_at \(time),
                created_at \(time) NOT NULL
            );
            CREATE TABLE login_failures (
                email_key TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                locked_until \(time),
                updated_at \(time) NOT NULL
            );

            """
    }
}
