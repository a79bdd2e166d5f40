/// The SQLite schema of the user database: UUIDs and timestamps are TEXT (timestamps as sortable
/// `YYYY-MM-DDTHH:MM:SS.sssZ`), booleans are INTEGER 0 or 1, and JSON objects are TEXT.
enum SQLiteSchema {
    /// Profiles, organizations, teams and their memberships.
    static let version1 = """

        CREATE TABLE profiles (
            user_id TEXT PRIMARY KEY,
            username TEXT NOT NULL,
            first_name TEXT,
            last_name TEXT,
            search_text TEXT NOT NULL,
            avatar_url TEXT,
            bio TEXT,
            timezone TEXT NOT NULL DEFAULT 'UTC',
            language TEXT NOT NULL DEFAULT 'en',
            notification_preferences TEXT NOT NULL DEFAULT '{}',
            is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX profiles_username ON profiles (username, user_id);
        CREATE INDEX profiles_created_at ON profiles (created_at, user_id);

        CREATE TABLE organizations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            domain TEXT,
            settings TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX organizations_created_at ON organizations (created_at, id);
        CREATE INDEX organizations_name ON organizations (name, id);

        CREATE TABLE organization_members (
            organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            user_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
            joined_at TEXT NOT NULL,
            PRIMARY KEY (organization_id, user_id)
        );
        CREATE INDEX organization_members_user ON organization_members (user_id, organization_id);
        CREATE INDEX organization_members_joined_at ON organization_members (organization_id, joined_at, user_id);

        CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            organization_id TEXT REFERENCES organizations (id) ON DELETE SET NULL,
            owner_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX teams_organization ON teams (organization_id);
        CREATE INDEX teams_created_at ON teams (created_at, id);
        CREATE INDEX teams_name ON teams (name, id);

        CREATE TABLE team_members (
            team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
            user_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
            joined_at TEXT NOT NULL,
            PRIMARY KEY (team_id, user_id)
        );
        CREATE INDEX team_members_user ON team_members (user_id, team_id);
        CREATE INDEX team_members_joined_at ON team_members (team_id, joined_at, user_id);
        """
}
