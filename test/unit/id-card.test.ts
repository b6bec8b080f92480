import { describe, expect, it } from "vitest";
import { completeIdCardNumber, makeIdCardNumber, parseIdCard } from "../../src/patient/id-card.js";

const TODAY = "2025-06-01";

describe("resident ID card numbers", () => {
  it("accepts the standard's own example, whose check character is X, and reads a woman born 1949-12-31", () => {
    expect(parseIdCard("11010519491231002X", TODAY)).toEqual({
      ok: true,
      value: { number: "11010519491231002X", birthday: "1949-12-31", sex: "female" },
    });
  });

  it("accepts a lower-case x and stores it as X", () => {
    const parsed = parseIdCard("11010519491231002x", TODAY);
    expect(parsed.ok && parsed.value.number).toBe("11010519491231002X");
  });

  it("accepts a number typed in groups with spaces, or with full-width digits", () => {
    expect(parseIdCard("440301 19900101 1234", TODAY).ok).toBe(true);
    expect(parseIdCard("４４０３０１１９９００１０１１２３４", TODAY).ok).toBe(true);
  });

  it("reads the sex from the 17th digit: odd is a man, even a woman", () => {
    const man = parseIdCard(makeIdCardNumber("440305", "1985-11-20", 13), TODAY);
    const woman = parseIdCard(makeIdCardNumber("440305", "1985-11-20", 14), TODAY);
    expect(man.ok && man.value.sex).toBe("male");
    expect(woman.ok && woman.value.sex).toBe("female");
    expect(man.ok && man.value.birthday).toBe("1985-11-20");
  });

  it("catches a single mistyped digit through the check character", () => {
    expect(parseIdCard("440301199001011235", TODAY)).toEqual({ ok: false, problem: "id_card.checksum" });
    expect(parseIdCard("110105194912310021", TODAY)).toEqual({ ok: false, problem: "id_card.checksum" });
  });

  it("refuses a birthday that does not exist, even with a correct check character", () => {
    expect(parseIdCard(completeIdCardNumber("44030119900230123"), TODAY)).toEqual({
      ok: false,
      problem: "id_card.birthday",
    });
  });

  it("refuses a birthday after today (China time) or before 1900", () => {
    expect(parseIdCard(makeIdCardNumber("440301", "2025-06-02", 123), TODAY).ok).toBe(false);
    expect(parseIdCard(makeIdCardNumber("440301", "2025-06-01", 123), TODAY).ok).toBe(true);
    expect(parseIdCard(makeIdCardNumber("440301", "1899-12-31", 123), TODAY)).toEqual({
      ok: false,
      problem: "id_card.birthday",
    });
  });

  it("says the length is wrong for 17 or 19 characters and for an old 15-digit number", () => {
    expect(parseIdCard("44030119900101123", TODAY)).toEqual({ ok: false, problem: "id_card.length" });
    expect(parseIdCard("4403011990010112345", TODAY)).toEqual({ ok: false, problem: "id_card.length" });
    expect(parseIdCard("440301900101123", TODAY)).toEqual({ ok: false, problem: "id_card.length" });
  });

  it("refuses letters anywhere but the check position", () => {
    expect(parseIdCard("44030119900101123A", TODAY)).toEqual({ ok: false, problem: "id_card.characters" });
    expect(parseIdCard("4403011990O1011234", TODAY)).toEqual({ ok: false, problem: "id_card.characters" });
  });

  it("refuses a region code no province has", () => {
    expect(parseIdCard(makeIdCardNumber("990301", "1990-01-01", 123), TODAY)).toEqual({
      ok: false,
      problem: "id_card.region",
    });
    expect(parseIdCard(makeIdCardNumber("010101", "1990-01-01", 123), TODAY).ok).toBe(false);
  });

  it("makes numbers the parser accepts, for any birthday and sequence", () => {
    for (const sequence of [0, 9, 500, 999]) {
      const number = makeIdCardNumber("310104", "2012-02-29", sequence);
      expect(parseIdCard(number, TODAY).ok).toBe(true);
    }
    expect(() => makeIdCardNumber("3101", "2012-02-29", 1)).toThrow();
  });
});
