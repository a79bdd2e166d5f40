import Foundation
import Platform

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let exitCode = await CommandRunner.run(arguments)
LogSink.flush()
exit(exitCode)
