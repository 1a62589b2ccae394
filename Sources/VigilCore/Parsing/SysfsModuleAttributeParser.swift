/// Parses the one-value attribute files of `/sys/module/<name>/`
/// (kernel/module/main.c and kernel/module/sysfs.c, v6.1 and v6.12): each is a
/// single value and a newline.
public enum SysfsModuleAttributeParser {
    /// `initstate`: `live`, `coming` or `going`.
    public static func initState(_ text: String, path: String) throws(ParseError) -> SysfsModule.InitState {
        let value = singleValue(text)
        guard let state = SysfsModule.InitState(rawValue: String(value)) else {
            throw ParseError(format: path, location: .whole, reason: "'\(value)' is not live, coming or going")
        }
        return state
    }

    /// `coresize` (`%u`).
    public static func size(_ text: String, path: String) throws(ParseError) -> UInt64 {
        let value = singleValue(text)
        guard let size = UInt64(value) else {
            throw ParseError(format: path, location: .whole, reason: "'\(value)' is not an unsigned number")
        }
        return size
    }

    /// `refcnt` (`%i`, may be negative while a module is being removed).
    public static func referenceCount(_ text: String, path: String) throws(ParseError) -> Int {
        let value = singleValue(text)
        guard let count = Int(value) else {
            throw ParseError(format: path, location: .whole, reason: "'\(value)' is not a number")
        }
        return count
    }

    /// `taint`: capital letters, or nothing when the module is clean.
    public static func taint(_ text: String, path: String) throws(ParseError) -> String {
        let value = singleValue(text)
        guard value.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ParseError(format: path, location: .whole, reason: "'\(value)' is not a string of taint letters")
        }
        return String(value)
    }

    /// `sections/<name>` (`0x%px`); zero when the reader may not see kernel addresses.
    public static func sectionAddress(_ text: String, path: String) throws(ParseError) -> UInt64 {
        let value = singleValue(text)
        guard value.hasPrefix("0x"), let address = parseHex(value) else {
            throw ParseError(format: path, location: .whole, reason: "'\(value)' is not a 0x-prefixed address")
        }
        return address
    }

    /// The text without its trailing newline and surrounding blanks.
    private static func singleValue(_ text: String) -> Substring {
        var value = Substring(text)
        while let last = value.last, last == "\n" || last == " " || last == "\t" { value = value.dropLast() }
        while let first = value.first, first == " " || first == "\t" { value = value.dropFirst() }
        return value
    }
}
