import HTTPServer
import Testing

@testable import UserService

@Suite struct GroupPermissionsTests {
    private func permissions(_ role: MemberRole?, siteAdmin: Bool = false) -> GroupPermissions {
        GroupPermissions(kind: .organization, callerRole: role, isSiteAdmin: siteAdmin)
    }

    /// Returns the status of the error `body` throws, or nil when it allows the action.
    private func status(_ body: () throws -> Void) -> Int? {
        do {
            try body()
            return nil
        } catch let error as HTTPError {
            return error.status.rawValue
        } catch {
            return 0
        }
    }

    @Test func visibilityFollowsMembership() {
        #expect(!self.permissions(nil).canView)
        #expect(self.permissions(.member).canView)
        #expect(self.permissions(nil, siteAdmin: true).canView)
    }

    @Test func editAndDeleteRoles() {
        #expect(self.status { try self.permissions(.member).checkEdit() } == 403)
        #expect(self.status { try self.permissions(.admin).checkEdit() } == nil)
        #expect(self.status { try self.permissions(.owner).checkEdit() } == nil)
        #expect(self.status { try self.permissions(.admin).checkDelete() } == 403)
        #expect(self.status { try self.permissions(.owner).checkDelete() } == nil)
        #expect(self.status { try self.permissions(nil, siteAdmin: true).checkDelete() } == nil)
    }

    @Test func addingMembers() {
        #expect(self.status { try self.permissions(.member).checkAdd(role: .member) } == 403)
        #expect(self.status { try self.permissions(.admin).checkAdd(role: .admin) } == nil)
        #expect(self.status { try self.permissions(.admin).checkAdd(role: .owner) } == 403)
        #expect(self.status { try self.permissions(.owner).checkAdd(role: .owner) } == nil)
        #expect(self.status { try self.permissions(nil, siteAdmin: true).checkAdd(role: .owner) } == nil)
    }

    @Test func changingRoles() {
        #expect(self.status { try self.permissions(.member).checkRoleChange(from: .member, to: .admin) } == 403)
        #expect(self.status { try self.permissions(.admin).checkRoleChange(from: .member, to: .admin) } == nil)
        #expect(self.status { try self.permissions(.admin).checkRoleChange(from: .admin, to: .member) } == nil)
        #expect(self.status { try self.permissions(.admin).checkRoleChange(from: .member, to: .owner) } == 403)
        #expect(self.status { try self.permissions(.admin).checkRoleChange(from: .owner, to: .member) } == 403)
        #expect(self.status { try self.permissions(.owner).checkRoleChange(from: .owner, to: .admin) } == nil)
    }

    @Test func removingMembers() {
        #expect(self.status { try self.permissions(.member).checkRemoval(of: .member, isCaller: true) } == nil)
        #expect(self.status { try self.permissions(.member).checkRemoval(of: .member, isCaller: false) } == 403)
        #expect(self.status { try self.permissions(.admin).checkRemoval(of: .admin, isCaller: false) } == nil)
        #expect(self.status { try self.permissions(.admin).checkRemoval(of: .owner, isCaller: false) } == 403)
        #expect(self.status { try self.permissions(.owner).checkRemoval(of: .owner, isCaller: false) } == nil)
        #expect(
            self.status { try self.permissions(nil, siteAdmin: true).checkRemoval(of: .owner, isCaller: false) } == nil
        )
    }

    @Test func lastOwnerStays() {
        let kind = GroupKind.team
        #expect(
            self.status { try GroupPermissions.checkOwnerRemains(kind: kind, current: .owner, new: nil, ownerCount: 1) }
                == 409
        )
        #expect(
            self.status {
                try GroupPermissions.checkOwnerRemains(kind: kind, current: .owner, new: .admin, ownerCount: 1)
            } == 409
        )
        #expect(
            self.status {
                try GroupPermissions.checkOwnerRemains(kind: kind, current: .owner, new: .owner, ownerCount: 1)
            } == nil
        )
        #expect(
            self.status { try GroupPermissions.checkOwnerRemains(kind: kind, current: .owner, new: nil, ownerCount: 2) }
                == nil
        )
        #expect(
            self.status { try GroupPermissions.checkOwnerRemains(kind: kind, current: .admin, new: nil, ownerCount: 1) }
                == nil
        )
    }
}
