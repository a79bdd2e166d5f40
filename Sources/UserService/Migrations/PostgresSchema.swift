/// The PostgreSQL schema of the user database: ids are `uuid`, timestamps `timestamptz` and flags
/// `boolean`. JSON objects are `text`, returned as stored, so both dialects read them the same way.
enum PostgresSchema {
    /// Profiles, organizations, teams and their memberships.
    static let version1 = """

        CREATE TABLE profiles (
            user_id UUID PRIMARY KEY,
            username TEXT NOT NULL,
            first_name TEXT,
            last_name TEXT,
            search_text TEXT NOT NULL,
            avatar_url TEXT,
            bio TEXT,
            timezone TEXT NOT NULL DEFAULT 'UTC',
            language TEXT NOT NULL DEFAULT 'en',
            notification_preferences TEXT NOT NULL DEFAULT '{}',
            is_active BOOLEAN NOT NULL DEFAULT TRUE,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX profiles_username ON profiles (username, user_id);
        CREATE INDEX profiles_created_at ON profiles (created_at, user_id);

        CREATE TABLE organizations (
            id UUID PRIMARY KEY,
            name TEXT NOT NULL,
            domain TEXT,
            settings TEXT NOT NULL DEFAULT '{}',
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX organizations_created_at ON organizations (created_at, id);
        CREATE INDEX organizations_name ON organizations (name, id);

        CREATE TABLE organization_members (
            organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
            user_id UUID NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
            joined_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (organization_id, user_id)
        );
        CREATE INDEX organization_members_user ON organization_members (user_id, organization_id);
        CREATE INDEX organization_members_joined_at ON organization_members (organization_id, joined_at, user_id);

        CREATE TABLE teams (
            id UUID PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            organization_id UUID REFERENCES organizations (id) ON DELETE SET NULL,
            owner_id UUID NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX teams_organization ON teams (organization_id);
        CREATE INDEX teams_created_at ON teams (created_at, id);
        CREATE INDEX teams_name ON teams (name, id);

        CREATE TABLE team_members (
            team_id UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
            user_id UUID NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
            joined_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (team_id, user_id)
        );
        CREATE INDEX team_members_user ON team_members (user_id, team_id);
        CREATE INDEX team_members_joined_at ON team_members (team_id, joined_at, user_id);
        """
}
