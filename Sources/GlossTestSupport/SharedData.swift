import Foundation

/// Where the tests find the package and the real test data in `../shared` (beside the package
/// root; read only, never copied into the project).
public enum SharedData {
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Sources/GlossTestSupport/SharedData.swift → package root
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    public static let seeds = root.appendingPathComponent("seeds")
    public static let external = root.appendingPathComponent("corpus/external")
    /// The seed newsletter transcript and the seed commentary article.
    public static let newsletter = seeds.appendingPathComponent("000_29763f1faad9b720.txt").path
    public static let article = seeds.appendingPathComponent("003_d4d97e45e86acd5b.txt").path
}
