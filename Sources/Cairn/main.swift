import Foundation
import Platform

#if canImport(Glibc)
import Glibc
#endif

// Line-buffered output would hold log lines back when stdout is a pipe; logs write with write(2) directly.
let arguments = Array(CommandLine.arguments.dropFirst())
let exitCode = await CommandRunner.run(arguments)
exit(exitCode)
