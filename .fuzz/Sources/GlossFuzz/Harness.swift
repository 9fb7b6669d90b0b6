import Foundation
import GlossFuzzChecks

/// The target under test, from GLOSS_FUZZ_TARGET (one of FuzzChecks.targets).
nonisolated(unsafe) let target = ProcessInfo.processInfo.environment["GLOSS_FUZZ_TARGET"] ?? "loader"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzChecks.run(target, Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
