import Localization
import Testing
@testable import ReaderCore
@testable import ReaderRuntime

/// An exhaustive test of the reader core, after Point-Free's `TestStore`: each input is sent with
/// the whole change of state it must make, and every report its effects send back must be
/// received, in order, with its own change of state. A difference, an unexpected report or one
/// never received fails the test. Effects wait, as they would in the background, until a report
/// is asked for; then they run, in the order they were asked for, through the effect runtime
/// (immediate mode) with the given clients.
final class ReaderTestStore {
    private(set) var state: AppState
    private let reports = ReportInbox()
    private var runtime: EffectRuntime!
    /// Effects asked for and not yet carried out.
    private var pending: [Effect] = []

    init(_ state: AppState, clients: EffectClients = ScreenTestSupport.clients) {
        self.state = state
        let reports = self.reports
        runtime = EffectRuntime(clients: clients, strings: Strings(.chinese), mode: .immediate) { reports.post($0) }
    }

    /// Sends an input; `change` states how the state must change, the effects must be `effects`.
    func send(_ action: Action, effects expectedEffects: [Effect]? = nil, sourceLocation: SourceLocation = #_sourceLocation,
              _ change: (inout AppState) -> Void = { _ in }) {
        let waiting = reports.pending
        #expect(waiting.isEmpty, "reports not received before sending \(action): \(waiting)", sourceLocation: sourceLocation)
        var expected = state
        change(&expected)
        let effects = state.apply(action)
        if let expectedEffects { #expect(effects == expectedEffects, sourceLocation: sourceLocation) }
        expectState(expected, after: "\(action)", sourceLocation)
        pending += effects
    }

    /// Receives the next report, which must be `expected` (compared by `matches` when given),
    /// and states the change it makes.
    func receive(_ matches: (Report) -> Bool, sourceLocation: SourceLocation = #_sourceLocation,
                 _ change: (inout AppState) -> Void = { _ in }) {
        while reports.pending.isEmpty, !pending.isEmpty { runtime.perform(pending.removeFirst()) }
        guard let report = reports.popFirst() else {
            Issue.record("expected a report, none arrived", sourceLocation: sourceLocation)
            return
        }
        #expect(matches(report), "unexpected report: \(report)", sourceLocation: sourceLocation)
        var expected = state
        change(&expected)
        let effects = state.receive(report)
        expectState(expected, after: "\(report)", sourceLocation)
        pending += effects
    }

    func receive(_ expected: Report, sourceLocation: SourceLocation = #_sourceLocation, _ change: (inout AppState) -> Void = { _ in }) {
        receive({ $0 == expected }, sourceLocation: sourceLocation, change)
    }

    /// Every effect has run and every report it sent has been received.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        while !pending.isEmpty { runtime.perform(pending.removeFirst()) }
        let waiting = reports.pending
        #expect(waiting.isEmpty, "reports never received: \(waiting)", sourceLocation: sourceLocation)
    }

    private func expectState(_ expected: AppState, after event: String, _ sourceLocation: SourceLocation) {
        guard state != expected else { return }
        let differences = Mirror(reflecting: state).children.compactMap { child -> String? in
            guard let label = child.label,
                  let other = Mirror(reflecting: expected).children.first(where: { $0.label == label }),
                  String(describing: child.value) != String(describing: other.value) else { return nil }
            return label
        }
        Issue.record("after \(event) the state differs in: \(differences.joined(separator: ", "))", sourceLocation: sourceLocation)
    }
}
