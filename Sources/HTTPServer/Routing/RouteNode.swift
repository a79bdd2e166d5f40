/// A node of the routing trie: one path segment.
struct RouteNode: Sendable {
    var literals: [Substring: RouteNode] = [:]
    var parameterName: String?
    var parameterChild: [RouteNode] = []
    var routes: [String: Route] = [:]

    mutating func insert(_ segments: ArraySlice<Substring>, method: String, route: Route) {
        guard let segment = segments.first else {
            self.routes[method] = route
            return
        }
        let rest = segments.dropFirst()
        if segment.hasPrefix("{"), segment.hasSuffix("}") {
            let name = String(segment.dropFirst().dropLast())
            precondition(
                self.parameterName == nil || self.parameterName == name,
                "conflicting parameter names \(self.parameterName ?? "") and \(name) in \(route.template)"
            )
            self.parameterName = name
            if self.parameterChild.isEmpty {
                self.parameterChild = [RouteNode()]
            }
            self.parameterChild[0].insert(rest, method: method, route: route)
        } else {
            self.literals[segment, default: RouteNode()].insert(rest, method: method, route: route)
        }
    }

    /// Finds the node for `segments`, trying literals before the parameter at each level.
    func find(_ segments: ArraySlice<Substring>, parameters: inout [String: String]) -> RouteNode? {
        guard let segment = segments.first else { return self }
        let rest = segments.dropFirst()

        if let literal = self.literals[segment], let found = literal.find(rest, parameters: &parameters) {
            return found
        }
        if let name = self.parameterName, let child = self.parameterChild.first,
            let value = QueryString.decode(segment)
        {
            if let found = child.find(rest, parameters: &parameters) {
                parameters[name] = value
                return found
            }
        }
        return nil
    }

    func allRoutes() -> [(method: String, template: String)] {
        var result = self.routes.map { (method: $0.key, template: $0.value.template) }
        for child in self.literals.values {
            result += child.allRoutes()
        }
        for child in self.parameterChild {
            result += child.allRoutes()
        }
        return result
    }
}
