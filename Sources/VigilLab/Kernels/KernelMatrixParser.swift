/// Reads `Lab/kernels.conf`: one kernel series a line, `#` comments, whitespace-separated columns.
///
/// ```
/// # series  preferred image package                     fallback (apt-cache search --names-only)
/// 6.1       linux-image-6.1.0-56-amd64                  ^linux-image-6\.1\.0-[0-9]+-amd64$
/// ```
public struct KernelMatrixParser: Sendable {
    public init() {}

    /// A mistake in the kernel matrix, with its line.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var message: String

        public var description: String {
            line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
        }
    }

    /// The series in file order.
    public func parse(_ text: String, file: String) throws(ParseError) -> [KernelSpec] {
        var specs: [KernelSpec] = []
        for (index, rawLine) in text.linesKeepingEmpty.enumerated() {
            let number = index + 1
            let content = rawLine.removingComment()
            let columns = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if columns.isEmpty {
                continue
            }
            guard columns.count == 3 else {
                throw ParseError(file: file, line: number, message: "expected 3 columns (series, preferred package, fallback pattern), found \(columns.count)")
            }
            let spec = KernelSpec(series: columns[0], preferredPackage: columns[1], fallbackPattern: columns[2])
            guard Self.isSeries(spec.series) else {
                throw ParseError(file: file, line: number, message: "'\(spec.series)' is not a series like 6.1")
            }
            guard KernelPackageName.release(ofImagePackage: spec.preferredPackage) != nil else {
                throw ParseError(file: file, line: number, message: "'\(spec.preferredPackage)' is not a linux-image-RELEASE package name")
            }
            if let earlier = specs.first(where: { $0.series == spec.series }) {
                throw ParseError(file: file, line: number, message: "series \(earlier.series) is listed twice")
            }
            specs.append(spec)
        }
        guard !specs.isEmpty else {
            throw ParseError(file: file, line: nil, message: "no kernel series listed")
        }
        return specs
    }

    static func isSeries(_ word: String) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
