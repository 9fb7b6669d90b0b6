import Foundation
import XCTest
@testable import GlossCore

/// `DocumentLoader.readAll`: every byte, in order, up to the limit, whether the size the file
/// said it had was right, too small (it grew) or too large (it shrank), and from a pipe.
final class ReadAllTests: FolderTestCase {
    /// Bytes that show where they came from (not one byte repeated).
    func bytes(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) } }

    func read(_ data: [UInt8], expected: Int?, limit: Int = DocumentLoader.maxFileBytes) throws -> [UInt8] {
        let path = dir + "/f"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(data)))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return DocumentLoader.readAll(fd: fd, limit: limit, expected: expected ?? data.count)
    }

    func testAFileIsReadWholeWhateverItsSizeSaid() throws {
        for n in [0, 1, 4095, 4096, 4097, 65_536, 300_001] {
            let data = bytes(n)
            XCTAssertEqual(try read(data, expected: nil), data, "size \(n)")
            // Grown since its size was taken.
            XCTAssertEqual(try read(data, expected: n / 3), data, "size \(n), said \(n / 3)")
            XCTAssertEqual(try read(data, expected: 0), data, "size \(n), said 0 (a pipe)")
            // Shrunk since: what is there.
            XCTAssertEqual(try read(data, expected: n + 5000), data, "size \(n), said \(n + 5000)")
        }
    }

    func testTheLimitHoldsInBothParts() throws {
        let data = bytes(100_000)
        XCTAssertEqual(try read(data, expected: nil, limit: 70_000), Array(data.prefix(70_000)))
        XCTAssertEqual(try read(data, expected: 10_000, limit: 70_000), Array(data.prefix(70_000)))
        XCTAssertEqual(try read(data, expected: 0, limit: 5), Array(data.prefix(5)))
    }

    func testAPipeIsReadToItsEnd() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let data = bytes(200_000)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread {
            data.withUnsafeBytes { buffer in
                var done = 0
                while done < buffer.count {
                    let n = Glibc.write(writeEnd, buffer.baseAddress! + done, buffer.count - done)
                    if n <= 0 { break }
                    done += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        XCTAssertEqual(DocumentLoader.readAll(fd: readEnd), data)
        close(readEnd)
    }
}
