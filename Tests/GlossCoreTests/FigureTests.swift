import XCTest
@testable import GlossCore

final class FigureTests: XCTestCase {
    func f(_ s: String) -> [String] { FigureExtractor.extract(s).map(\.description) }

    func testNormalisation() {
        XCTAssertEqual(f("He thinks it is three to five years away."), ["3–5 years"])
        XCTAssertEqual(f("I think we'll be there in one or two years."), ["1–2 years"])
        XCTAssertEqual(f("About eight or nine months ago"), ["8–9 months"])
        XCTAssertEqual(f("roughly 90% of code"), ["90%"])
        XCTAssertEqual(f("$9-10 billion in 2025"), ["$9–10 billion", "2025"])
        XCTAssertEqual(f("10-15 GW in 2026, rising 3x yearly toward ~300 GW by 2029"), ["10–15 GW", "2026", "3x", "300 GW", "2029"])
        XCTAssertEqual(f("a 15-20% total-factor speedup"), ["15–20%"])
        XCTAssertEqual(f("one of the things"), [])
        XCTAssertEqual(f("twenty-five percent"), ["25%"])
        XCTAssertEqual(f("between 2026 and 2027"), ["2026–2027"])
    }

    func testAgreement() {
        let a = FigureExtractor.extract("three to five years")[0]
        let b = FigureExtractor.extract("one or two years")[0]
        let c = FigureExtractor.extract("1-3 years")[0]
        let m = FigureExtractor.extract("18 months")[0]
        XCTAssertFalse(a.agrees(with: b))
        XCTAssertFalse(a.agrees(with: c))   // 3–5 and 1–3 only touch: the "divergent" case
        XCTAssertTrue(a.agrees(with: FigureExtractor.extract("4-6 years")[0]))
        XCTAssertTrue(a.agrees(with: FigureExtractor.extract("four years")[0]))
        XCTAssertTrue(m.agrees(with: b))   // 1.5 years is within 1–2 years
        XCTAssertFalse(m.comparable(with: FigureExtractor.extract("90%")[0]))
    }

    /// Energy is not power: "120 megawatt-hours" is 120 MWh, which a claim of 120 MW does not
    /// match, and which 0.12 GWh does.
    func testEnergyIsNotPower() {
        XCTAssertEqual(f("The first phase, 120 megawatt-hours, opened in 2024."), ["120 MWh", "2024"])
        XCTAssertEqual(f("a 50 MW, 200 MWh battery; 5 GWh a year; 2 gigawatt hours"), ["50 MW", "200 MWh", "5 GWh", "2 GWh"])
        XCTAssertEqual(f("ten megawatts for four hours"), ["10 MW", "4 hours"])
        let energy = FigureExtractor.extract("120 megawatt-hours")[0]
        XCTAssertFalse(energy.comparable(with: FigureExtractor.extract("120 MW")[0]))
        XCTAssertTrue(energy.agrees(with: FigureExtractor.extract("0.12 GWh")[0]))
        XCTAssertFalse(energy.agrees(with: FigureExtractor.extract("240 MWh")[0]))
    }
}

extension FigureTests {
    /// "a few" is a range (two to five), not three.
    func testAFewIsARange() throws {
        func one(_ s: String) throws -> Figure { try XCTUnwrap(FigureExtractor.extract(s).first, s) }
        let few = try one("It will take a few years.")
        XCTAssertEqual([few.low, few.high], [2, 5])
        XCTAssertEqual(few.unit, .years)
        XCTAssertTrue(few.agrees(with: try one("in three years")))
        XCTAssertFalse(few.agrees(with: try one("in twenty years")))
        XCTAssertEqual(try one("a few hundred million dollars").high, 500e6)
        XCTAssertEqual(FigureExtractor.extract("a few of them").count, 0)
    }
}
