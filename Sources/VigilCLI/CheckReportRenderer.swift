import VigilCore

/// Renders a `CheckReport` for a terminal: one line per facility, then what is
/// disabled and what to do about it.
enum CheckReportRenderer {
    static func render(_ report: CheckReport) -> String {
        var lines: [String] = []
        lines.append("Vigil \(report.vigil.version) (libbpf \(report.vigil.libbpf)): what this kernel offers the guard")
        lines.append("")
        let width = report.assessments.map(\.title.count).max() ?? 0
        for assessment in report.assessments {
            let title = assessment.title.padding(to: width)
            lines.append("  \(marker(assessment.status)) \(title)  \(assessment.detail)")
        }
        let problems = report.assessments.filter { $0.status != .available && (!$0.disables.isEmpty || $0.remedy != nil) }
        if !problems.isEmpty {
            lines.append("")
            lines.append("What is missing and what it disables:")
            for assessment in problems {
                lines.append("  \(assessment.title):")
                for feature in assessment.disables {
                    lines.append("    disables \(feature.phrase)")
                }
                if let remedy = assessment.remedy {
                    lines.append("    fix: \(remedy)")
                }
            }
        }
        lines.append("")
        lines.append("Overall: \(summary(report.overall))")
        return lines.joined(separator: "\n") + "\n"
    }

    static func marker(_ status: FacilityAssessment.Status) -> String {
        switch status {
        case .available: "[ ok ]"
        case .degraded: "[warn]"
        case .unavailable: "[FAIL]"
        }
    }

    static func summary(_ status: FacilityAssessment.Status) -> String {
        switch status {
        case .available: "every facility Vigil uses is available."
        case .degraded: "Vigil can run with reduced protection (see above)."
        case .unavailable: "some protections cannot run on this kernel (see above)."
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
