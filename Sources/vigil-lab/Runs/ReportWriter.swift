import VigilLab

/// Writes the report of a run: `.lab/report.{json,md}` and, on request, `docs/detection-matrix.{md,json}`.
enum ReportWriter {
    static func write(_ report: LabReport, layout: LabLayout, updateDocs: Bool) throws -> [String] {
        try HostFiles.writeText(try ReportJSON.encode(report), to: layout.reportJSON)
        try HostFiles.writeText(ReportMarkdown(report: report).document, to: layout.reportMarkdown)
        var written = [layout.reportJSON, layout.reportMarkdown]
        if updateDocs {
            try HostFiles.writeText(DetectionMatrixDocument(report: report).markdown, to: layout.docsMatrixMarkdown)
            try HostFiles.writeText(try ReportJSON.encode(report.withoutRunDirectories()), to: layout.docsMatrixJSON)
            written += [layout.docsMatrixMarkdown, layout.docsMatrixJSON]
        }
        return written.map(layout.relative)
    }
}
