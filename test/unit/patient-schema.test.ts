import { describe, expect, it } from "vitest";
import type { Guardian, Patient } from "../../src/hospital/types.js";
import { makeIdCardNumber } from "../../src/patient/id-card.js";
import { patientSchema, validatePatient } from "../../src/patient/patient-schema.js";

const TODAY = "2025-06-01";

const adult: Patient = {
  name: "张三",
  certificate: { kind: "id_card", number: makeIdCardNumber("440301", "1990-01-01", 123) },
  sex: "male",
  birthday: "1990-01-01",
  mobile: "13812345678",
  clinicNo: null,
  address: "深圳市南山区科技园",
  guardian: null,
};

const mother: Guardian = {
  name: "李梅",
  mobile: "13912345678",
  certificate: { kind: "id_card", number: makeIdCardNumber("440301", "1988-05-20", 124) },
  sex: "female",
  relation: "mother",
  birthday: "1988-05-20",
};

const child: Patient = {
  ...adult,
  name: "张小宝",
  certificate: { kind: "household_register", number: makeIdCardNumber("440305", "2019-04-08", 21) },
  birthday: "2019-04-08",
  guardian: mother,
};

describe("a stored patient", () => {
  it("reads back an adult and a child with a guardian unchanged", () => {
    expect(patientSchema.parse(adult)).toEqual(adult);
    expect(patientSchema.parse(child)).toEqual(child);
  });

  it("normalises fields the way the questions did", () => {
    const loose = {
      ...adult,
      mobile: "+86 138 1234 5678",
      certificate: { kind: "passport", number: "e1234 5678" },
    };
    const parsed = patientSchema.parse(loose);
    expect(parsed.mobile).toBe("13812345678");
    expect(parsed.certificate.number).toBe("E12345678");
  });

  it("names the broken field with the parser's problem code", () => {
    const broken = { ...adult, certificate: { kind: "id_card", number: "440301199001011235" } };
    const result = patientSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["certificate.number", "id_card.checksum"],
    ]);
  });

  it("refuses an unknown certificate kind or relation", () => {
    expect(
      patientSchema.safeParse({ ...adult, certificate: { kind: "library_card", number: "12345" } }).success,
    ).toBe(false);
    expect(
      patientSchema.safeParse({ ...child, guardian: { ...mother, relation: "neighbour" } }).success,
    ).toBe(false);
  });
});

describe("checks across a patient's answers", () => {
  it("finds nothing wrong with a consistent adult or child", () => {
    expect(validatePatient(adult, TODAY)).toEqual([]);
    expect(validatePatient(child, TODAY)).toEqual([]);
  });

  it("notices a birthday or sex that the ID card number contradicts", () => {
    expect(validatePatient({ ...adult, birthday: "1990-01-02", sex: "female" }, TODAY)).toEqual([
      "patient.birthday_mismatch",
      "patient.sex_mismatch",
    ]);
  });

  it("trusts the typed birthday and sex for certificates that do not encode them", () => {
    const passport = {
      ...adult,
      certificate: { kind: "passport" as const, number: "E12345678" },
      sex: "female" as const,
    };
    expect(validatePatient(passport, TODAY)).toEqual([]);
  });

  it("requires a guardian for a minor, up to the day before their 18th birthday", () => {
    const almost18 = {
      ...adult,
      certificate: { kind: "passport" as const, number: "E12345678" },
      birthday: "2007-06-02",
    };
    expect(validatePatient(almost18, TODAY)).toEqual(["patient.guardian_required"]);
    expect(validatePatient({ ...almost18, birthday: "2007-06-01" }, TODAY)).toEqual([]);
  });

  it("refuses a guardian who is a minor, or whose details contradict their ID card", () => {
    const teenSister: Guardian = {
      ...mother,
      certificate: { kind: "id_card", number: makeIdCardNumber("440301", "2010-01-01", 124) },
      birthday: "2010-01-01",
    };
    expect(validatePatient({ ...child, guardian: teenSister }, TODAY)).toEqual(["guardian.minor"]);
    expect(
      validatePatient({ ...child, guardian: { ...mother, relation: "parent", sex: "male" } }, TODAY),
    ).toEqual(["guardian.sex_mismatch"]);
  });

  it("refuses a relation that names the other sex than the guardian's", () => {
    expect(validatePatient({ ...child, guardian: { ...mother, relation: "father" } }, TODAY)).toEqual([
      "relation.sex_mismatch",
    ]);
    expect(validatePatient({ ...child, guardian: { ...mother, relation: "grandparent" } }, TODAY)).toEqual(
      [],
    );
  });

  it("notices when the child's own certificate was entered as the guardian's", () => {
    const guardian = {
      ...mother,
      certificate: child.certificate,
      birthday: "2019-04-08",
      sex: "male" as const,
    };
    expect(validatePatient({ ...child, guardian }, TODAY)).toContain("guardian.same_certificate");
    // the same citizen number under another document type is still the child's
    const asIdCard = {
      ...guardian,
      certificate: { kind: "id_card" as const, number: child.certificate.number },
    };
    expect(validatePatient({ ...child, guardian: asIdCard }, TODAY)).toContain("guardian.same_certificate");
  });

  it("refuses a birthday after today", () => {
    const unborn = {
      ...adult,
      certificate: { kind: "passport" as const, number: "E12345678" },
      birthday: "2025-06-02",
    };
    expect(validatePatient(unborn, TODAY)).toContain("patient.birthday_future");
  });
});
