/// The version of Vigil, printed by `vigil --version` and carried in reports.
public enum VigilVersion {
    public static let current = "0.1.0"
}
