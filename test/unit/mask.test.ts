import { describe, expect, it } from "vitest";
import { maskCertificate, maskMobile, maskName } from "../../src/patient/mask.js";

describe("masking personal data for display and logs", () => {
  it("shows the first and last four characters of an ID card number", () => {
    expect(maskCertificate("440301199001011234")).toBe("4403**********1234");
  });

  it("shows only the first and last character of a short number", () => {
    expect(maskCertificate("E12345678")).toBe("E*******8");
    expect(maskCertificate("12345678")).toBe("1******8");
    expect(maskCertificate("AB")).toBe("**");
  });

  it("shows a mobile the way Chinese apps do", () => {
    expect(maskMobile("13812345678")).toBe("138****5678");
  });

  it("shows only the family name of a Chinese name", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName("王五")).toBe("王*");
    expect(maskName("阿卜杜勒·艾合买提")).toBe("阿***·****");
  });

  it("shows the first letter of each word of a Latin name", () => {
    expect(maskName("John Smith")).toBe("J*** S****");
    expect(maskName("Mary-Jane O'Neil")).toBe("M***-J*** O'N***");
  });
});
