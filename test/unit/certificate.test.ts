import { describe, expect, it } from "vitest";
import { identityOf, parseCertificateNumber } from "../../src/patient/certificate.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";

const TODAY = "2025-06-01";

describe("certificate numbers", () => {
  it("reads birthday and sex from a resident ID card", () => {
    const parsed = parseCertificateNumber("id_card", "11010519491231002x", TODAY);
    expect(parsed).toEqual({
      ok: true,
      value: { number: "11010519491231002X", identity: { birthday: "1949-12-31", sex: "female" } },
    });
  });

  it("passes ID card problems through unchanged", () => {
    expect(parseCertificateNumber("id_card", "440301199001011235", TODAY)).toEqual({
      ok: false,
      problem: "id_card.checksum",
    });
  });

  it("checks a household register showing a citizen ID number like an ID card, and reads it the same", () => {
    const child = makeIdCardNumber("440305", "2019-04-08", 22);
    const parsed = parseCertificateNumber("household_register", child, TODAY);
    expect(parsed.ok && parsed.value.identity).toEqual({ birthday: "2019-04-08", sex: "female" });
    expect(parseCertificateNumber("household_register", "440301199001011235", TODAY)).toEqual({
      ok: false,
      problem: "id_card.checksum",
    });
  });

  it("accepts another household register number without deriving anything from it", () => {
    const parsed = parseCertificateNumber("household_register", "hk 123456", TODAY);
    expect(parsed).toEqual({ ok: true, value: { number: "HK123456", identity: null } });
  });

  it("accepts passports of 5 to 17 letters and digits, upper-cased and without spaces", () => {
    expect(parseCertificateNumber("passport", "e1234 5678", TODAY)).toEqual({
      ok: true,
      value: { number: "E12345678", identity: null },
    });
    expect(parseCertificateNumber("passport", "E123", TODAY)).toEqual({
      ok: false,
      problem: "passport.format",
    });
    expect(parseCertificateNumber("passport", "E1234-5678", TODAY).ok).toBe(false);
    expect(parseCertificateNumber("passport", "A".repeat(18), TODAY).ok).toBe(false);
  });

  it("accepts Home Return Permits starting H (Hong Kong) or M (Macau) with 8 or 10 digits", () => {
    expect(parseCertificateNumber("hk_macau_permit", "h12345678", TODAY).ok).toBe(true);
    expect(parseCertificateNumber("hk_macau_permit", "M1234567890", TODAY).ok).toBe(true);
    expect(parseCertificateNumber("hk_macau_permit", "H123456789", TODAY)).toEqual({
      ok: false,
      problem: "hk_macau_permit.format",
    });
    expect(parseCertificateNumber("hk_macau_permit", "T12345678", TODAY).ok).toBe(false);
  });

  it("accepts Taiwan compatriot permits of 8 digits, or 10 characters on older ones", () => {
    expect(parseCertificateNumber("taiwan_permit", "12345678", TODAY).ok).toBe(true);
    expect(parseCertificateNumber("taiwan_permit", "0123456789", TODAY).ok).toBe(true);
    expect(parseCertificateNumber("taiwan_permit", "1234567", TODAY)).toEqual({
      ok: false,
      problem: "taiwan_permit.format",
    });
  });

  it("accepts officer IDs, driving licences and other certificates of 4 to 30 visible characters", () => {
    expect(parseCertificateNumber("officer_id", "南字第 12345 号", TODAY)).toEqual({
      ok: true,
      value: { number: "南字第12345号", identity: null },
    });
    expect(parseCertificateNumber("driving_licence", "440301199001011234", TODAY).ok).toBe(true);
    expect(parseCertificateNumber("other", "abc", TODAY)).toEqual({ ok: false, problem: "other.format" });
    expect(parseCertificateNumber("other", "X".repeat(31), TODAY)).toEqual({
      ok: false,
      problem: "other.format",
    });
  });

  it("derives an identity only where the number carries one", () => {
    const number = makeIdCardNumber("440301", "1990-01-01", 123);
    expect(identityOf({ kind: "id_card", number }, TODAY)).toEqual({ birthday: "1990-01-01", sex: "male" });
    expect(identityOf({ kind: "driving_licence", number }, TODAY)).toBeNull();
    expect(identityOf({ kind: "passport", number: "E12345678" }, TODAY)).toBeNull();
  });
});
