import Foundation

/// libFuzzer's driver (from `libclang_rt.fuzzer_no_main`), called from our own `main` so the
/// other executables of the build (the theme embedder) keep theirs.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Runs libFuzzer on the target named by `TSUNDOKU_FUZZ_TARGET`; the arguments are libFuzzer's.
@main
enum FuzzMain {
    static func main() {
        _ = FuzzTargets.selected
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            FuzzTargets.selected.run(bytes)
            return 0
        })
    }
}

/// Stops the run when an invariant does not hold, the way a crash does.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError("invariant broken: \(message())", file: file, line: line) }
}
