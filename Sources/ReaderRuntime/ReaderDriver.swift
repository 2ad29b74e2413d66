import ReaderCore

/// The reader core driven as the terminal drives it, with every effect run at once on the
/// caller: an input is applied, its effects performed, their reports received, and so on until
/// nothing is left. What the screen tests step through.
public final class ReaderDriver {
    public private(set) var state: AppState
    private let reports = ReportInbox()
    private var runtime: EffectRuntime!

    public init(state: AppState, clients: EffectClients) {
        self.state = state
        let reports = self.reports
        runtime = EffectRuntime(clients: clients, strings: state.strings, mode: .immediate, deliver: { reports.post($0) })
    }

    /// Applies `action` and everything it leads to; returns the effects performed, in order.
    @discardableResult
    public func send(_ action: Action) -> [Effect] {
        run(state.apply(action))
    }

    /// Receives a report as if an effect had sent it, and everything it leads to.
    @discardableResult
    public func receive(_ report: Report) -> [Effect] {
        run(state.receive(report))
    }

    private func run(_ first: [Effect]) -> [Effect] {
        var performed: [Effect] = []
        var effects = first
        while !effects.isEmpty {
            for effect in effects {
                performed.append(effect)
                runtime.perform(effect)
            }
            effects = reports.drain().flatMap { state.receive($0) }
        }
        return performed
    }
}
