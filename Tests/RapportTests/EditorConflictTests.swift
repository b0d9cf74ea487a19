import Foundation
import Testing
import RapportServer

/// Two tabs editing one scenario: the second save, made on a version that is no longer the stored
/// one, is refused with both texts on the page; nothing is lost and nothing is overwritten silently.
@Suite("Editor conflicts")
struct EditorConflictTests {
    /// The hidden `base` field of an editor page.
    static func base(_ page: String) throws -> String {
        guard let range = page.range(of: #"name="base" value="([0-9a-f]+)""#, options: .regularExpression) else { throw ServeError("no base version in the page") }
        return String(page[range].dropFirst(#"name="base" value=""#.count).dropLast())
    }

    @Test("a save from a stale tab gets 409 with both versions; saving again from that page replaces knowingly")
    func twoTabs() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-conflict")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServerSecurityTests.start(folder)
        defer { server.stop() }
        let token = try await server.csrf()
        let created = try await server.post("/scenarios/new", ["from": "validation/erlang-c.yaml", "_csrf": token])
        let editor = try #require(created.location)
        // Both tabs open the same version.
        let opened = try Self.base(try server.getSync(editor))
        let first = ServerHarness.queueScenario(replications: 2, arrivals: 1_000, name: "tab one") + "# tab one's note\n"
        let second = ServerHarness.queueScenario(replications: 3, arrivals: 1_000, name: "tab two") + "# tab two's note\n"
        let saved = try await server.post(editor, ["name": "tab one", "text": first, "base": opened, "action": "save", "_csrf": token])
        #expect(saved.status == 303)
        // The second tab still holds the old version: refused, and its text is not lost.
        let refused = try await server.post(editor, ["name": "tab two", "text": second, "base": opened, "action": "save", "_csrf": token])
        #expect(refused.status == 409)
        #expect(refused.body.contains("Not saved: this scenario changed in another tab"))
        #expect(refused.body.contains("# tab two&#39;s note") || refused.body.contains("# tab two's note") || refused.body.contains("# tab two&#x27;s note"), "this tab's text stays in the editor")
        #expect(refused.body.contains("tab one"), "the version saved meanwhile is shown")
        let stored = try server.getSync(editor)
        #expect(stored.contains("tab one") && !stored.contains("tab two"), "the first save stands")
        // Saving again from the conflict page (its base is now the stored version) replaces it knowingly.
        let replaced = try await server.post(editor, ["name": "tab two", "text": second, "base": try Self.base(refused.body), "action": "save", "_csrf": token])
        #expect(replaced.status == 303)
        #expect(try server.getSync(editor).contains("tab two"))
        // A client that sends no base (a script) saves as before.
        #expect(try await server.post(editor, ["name": "script", "text": first, "action": "save", "_csrf": token]).status == 303)
    }
}
