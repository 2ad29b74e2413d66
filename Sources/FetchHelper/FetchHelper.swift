import FeedFetcher
import Feeds
import Foundation

/// `tsundoku-fetch REQUEST`: fetches the feeds of a `FetchRequest` (JSON, the one argument) and
/// writes a `FetchProgress` line of JSON for each as it ends. A program of its own so that
/// `tsundoku` itself never links networking (URLSession brings libcurl and its TLS and
/// authentication libraries: about 11 MB and 6 ms more at every start).
@main
enum FetchHelper {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 1, let request = try? JSONDecoder().decode(FetchRequest.self, from: Data(arguments.first!.utf8)) else {
            FileHandle.standardError.write(Data("tsundoku-fetch: started by tsundoku to fetch feeds; run `tsundoku fetch` instead\n".utf8))
            exit(64)
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let output = FileHandle.standardOutput
        _ = await FeedFetch.run(request.feeds, store: FeedStore(folder: request.folder), settings: request.settings) { done, total, outcome in
            guard let line = try? encoder.encode(FetchProgress(done: done, total: total, outcome: outcome)) else { return }
            output.write(line + Data("\n".utf8))
        }
    }
}
