import ArgumentParser
import Foundation
import GlossCore
import GlossRender

#if canImport(Glibc)
import Glibc
#endif

/// Entry point: parse arguments, run, map errors to exit codes (1 bad input, 2 bad usage).
Gloss.main(CommandLine.arguments.dropFirst().map { $0 })
