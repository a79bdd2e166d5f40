import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Progress of a long import on standard output: one redrawn bar on a terminal, and otherwise a plain line at
/// every tenth of the work, so that logs of scripted runs stay short.
final class ImportProgress {
    private let isTerminal: Bool
    private let barWidth = 30
    /// True while the bar line is drawn without its line break.
    private var barIsOpen = false
    /// Starts at 0, so that plain output begins with the first tenth done rather than with 0%.
    private var lastReportedTenth = 0

    init(isTerminal: Bool = isatty(STDOUT_FILENO) == 1) {
        self.isTerminal = isTerminal
    }

    /// Writes `line` on a line of its own, below the bar if one is drawn.
    func say(_ line: String) {
        self.closeBar()
        Self.write(line + "\n")
    }

    /// Shows that `done` of `total` `items` are finished.
    func update(done: Int, total: Int, items: String) {
        guard total > 0 else { return }
        let percent = done * 100 / total
        if self.isTerminal {
            let filled = done * self.barWidth / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: self.barWidth - filled)
            Self.write("\r[\(bar)] \(Self.padded(percent, width: 3))%  \(done)/\(total) \(items)")
            self.barIsOpen = true
            if done == total {
                self.closeBar()
            }
            return
        }
        let tenth = percent / 10
        if tenth > self.lastReportedTenth {
            self.lastReportedTenth = tenth
            Self.write("\(done) of \(total) \(items) (\(percent)%)\n")
        }
    }

    /// Ends the bar's line, so that the next output starts on a new one.
    func closeBar() {
        if self.barIsOpen {
            Self.write("\n")
            self.barIsOpen = false
        }
    }

    /// Writes with write(2) at once: `print` buffers when standard output is a pipe, which would reorder the
    /// progress and the log lines that the services write directly.
    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static func padded(_ number: Int, width: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
