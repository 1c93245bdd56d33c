@testable import Trust
import Testing

/// The state of a service at a time: the newest whose start is not after it, the first in list
/// order on a tie (the current state, then the history as the list writes it), none before the first.
@Suite("Service state at a time")
struct ServiceStateTests {
    static func state(_ status: String, _ start: Int64) -> TrustedList.ServiceState {
        TrustedList.ServiceState(type: TrustedListURI.serviceTypePrefix + "CA/QC", name: status, status: TrustedListURI.statusPrefix + status,
                                 statusStart: start, additionalServiceInfo: [], qualifications: [])
    }

    /// What `state(at:)` answered before it stopped building arrays.
    static func reference(_ service: TrustedList.Service, _ time: Int64) -> TrustedList.ServiceState? {
        ([service.current] + service.history).filter { $0.statusStart <= time }.max { $0.statusStart < $1.statusStart }
    }

    @Test func newestNotAfterTheTimeFirstOnATie() {
        let histories: [(TrustedList.ServiceState, [TrustedList.ServiceState])] = [
            (Self.state("granted", 300), [Self.state("withdrawn", 200), Self.state("granted", 100)]),
            (Self.state("granted", 300), [Self.state("withdrawn", 300), Self.state("undersupervision", 100)]),  // tie with current
            (Self.state("withdrawn", 500), [Self.state("granted", 100), Self.state("accredited", 100), Self.state("granted", 400)]),  // tie, unordered
            (Self.state("granted", 100), []),
        ]
        for (current, history) in histories {
            let service = TrustedList.Service(provider: "p", providerKey: "ZZ p#0", current: current, history: history, certificates: [],
                                              subjectKeyIdentifiers: [])
            for time in stride(from: Int64(0), through: 600, by: 50) {
                let found = service.state(at: time), expected = Self.reference(service, time)
                #expect(found?.name == expected?.name && found?.status == expected?.status && found?.statusStart == expected?.statusStart,
                        "at \(time): \(String(describing: found?.name)) vs \(String(describing: expected?.name))")
            }
        }
        let tied = TrustedList.Service(provider: "p", providerKey: "ZZ p#0", current: Self.state("granted", 300),
                                       history: [Self.state("withdrawn", 300)], certificates: [], subjectKeyIdentifiers: [])
        #expect(tied.state(at: 300)?.name == "granted")
        #expect(tied.state(at: 299) == nil)
    }
}
