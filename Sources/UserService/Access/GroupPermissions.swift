import HTTPServer

/// The caller's rights on one organization or team, from their role in it and the site-wide `admin` role,
/// which acts as an owner of every group.
///
/// Callers check `canView` first and respond with `404` when it is false, so that a group the caller may not see reads
/// exactly like one that does not exist. The `check…` methods then throw `403 AUTHORIZATION_FAILED`.
struct GroupPermissions: Sendable {
    let kind: GroupKind
    /// The caller's role in the group, nil when they are not a member.
    let callerRole: MemberRole?
    let isSiteAdmin: Bool

    var canView: Bool {
        self.isSiteAdmin || self.callerRole != nil
    }

    /// Editing the group and managing members below owner: owners, admins and site admins.
    var canManage: Bool {
        self.isSiteAdmin || self.callerRole == .owner || self.callerRole == .admin
    }

    /// Deleting the group and granting or removing `owner`: owners and site admins.
    var actsAsOwner: Bool {
        self.isSiteAdmin || self.callerRole == .owner
    }

    /// Throws `403` unless the caller may edit the group.
    func checkEdit() throws(HTTPError) {
        guard self.canManage else {
            throw HTTPError.forbidden("Only an owner or admin of the \(self.kind.noun) can change it")
        }
    }

    /// Throws `403` unless the caller may delete the group.
    func checkDelete() throws(HTTPError) {
        guard self.actsAsOwner else {
            throw HTTPError.forbidden("Only an owner of the \(self.kind.noun) can delete it")
        }
    }

    /// Throws `403` unless the caller may add a member with `role`.
    func checkAdd(role: MemberRole) throws(HTTPError) {
        guard self.canManage else {
            throw HTTPError.forbidden("Only an owner or admin of the \(self.kind.noun) can add members")
        }
        if role == .owner, !self.actsAsOwner {
            throw self.ownerOnly
        }
    }

    /// Throws `403` unless the caller may change a member's role from `current` to `new`.
    func checkRoleChange(from current: MemberRole, to new: MemberRole) throws(HTTPError) {
        guard self.canManage else {
            throw HTTPError.forbidden("Only an owner or admin of the \(self.kind.noun) can change member roles")
        }
        if current == .owner || new == .owner, !self.actsAsOwner {
            throw self.ownerOnly
        }
    }

    /// Throws `403` unless the caller may remove a member who has `role`; any member may remove themself.
    func checkRemoval(of role: MemberRole, isCaller: Bool) throws(HTTPError) {
        if isCaller { return }
        guard self.canManage else {
            throw HTTPError.forbidden("Only an owner or admin of the \(self.kind.noun) can remove other members")
        }
        if role == .owner, !self.actsAsOwner {
            throw self.ownerOnly
        }
    }

    /// Throws `409 CONFLICT` when a change of a member from `current` to `new` (nil for removal) would leave the
    /// group without an owner. `ownerCount` is the number of owners before the change.
    static func checkOwnerRemains(
        kind: GroupKind,
        current: MemberRole,
        new: MemberRole?,
        ownerCount: Int
    ) throws(HTTPError) {
        guard current == .owner, new != .owner, ownerCount <= 1 else { return }
        throw HTTPError.conflict(
            "The last owner of the \(kind.noun) cannot be removed or demoted; make another member owner first"
        )
    }

    private var ownerOnly: HTTPError {
        HTTPError.forbidden("Only an owner of the \(self.kind.noun) can grant or remove the owner role")
    }
}
