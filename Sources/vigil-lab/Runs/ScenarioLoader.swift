import VigilLab

/// Reads every `Lab/scenarios/<group>/<name>.scenario`, reporting all broken files at once.
enum ScenarioLoader {
    static let fileExtension = ".scenario"

    static func loadAll(_ layout: LabLayout) throws -> [Scenario] {
        var scenarios: [Scenario] = []
        var errors: [String] = []
        let groups = HostFiles.list(layout.scenarios).filter { HostFiles.isDirectory(layout.scenarios + "/" + $0) }
        for group in groups {
            let directory = layout.scenarios + "/" + group
            for file in HostFiles.list(directory) where file.hasSuffix(fileExtension) {
                let path = directory + "/" + file
                do {
                    let text = try HostFiles.readText(path)
                    scenarios.append(try ScenarioParser().parse(text, file: layout.relative(path), group: group))
                } catch {
                    errors.append(String(describing: error))
                }
            }
        }
        guard errors.isEmpty else {
            throw LabError("broken scenario files:\n" + errors.joined(separator: "\n"))
        }
        guard !scenarios.isEmpty else {
            throw LabError("no scenarios in \(layout.relative(layout.scenarios))/<group>/*.scenario")
        }
        return scenarios
    }
}
