/// Debian kernel image package names and the kernel releases they carry.
public enum KernelPackageName {
    /// The prefix of every Debian kernel image package.
    public static let imagePrefix = "linux-image-"
    /// The suffix of image packages whose kernel is not signed for Secure Boot (same kernel).
    public static let unsignedSuffix = "-unsigned"

    /// The release (`uname -r`) inside an image package:
    /// `linux-image-6.12.117+deb12-amd64-unsigned` → `6.12.117+deb12-amd64`.
    public static func release(ofImagePackage package: String) -> String? {
        guard package.hasPrefix(imagePrefix) else {
            return nil
        }
        var release = String(package.dropFirst(imagePrefix.count))
        if release.hasSuffix(unsignedSuffix) {
            release = String(release.dropLast(unsignedSuffix.count))
        }
        guard let first = release.first, first.isNumber else {
            return nil
        }
        return release
    }

    /// The headers package matching a release: `linux-headers-6.1.0-56-amd64`.
    public static func headersPackage(forRelease release: String) -> String {
        "linux-headers-\(release)"
    }
}
