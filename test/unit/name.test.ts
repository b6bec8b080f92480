import { describe, expect, it } from "vitest";
import { parseName } from "../../src/patient/name.js";

describe("the patient's real name", () => {
  it("accepts a Chinese name, trimmed", () => {
    expect(parseName("  张三丰 ")).toEqual({ ok: true, value: "张三丰" });
    expect(parseName("王一")).toEqual({ ok: true, value: "王一" });
  });

  it("accepts a minority name joined by a middle dot, whichever dot the keyboard made", () => {
    expect(parseName("阿卜杜勒·艾合买提")).toEqual({ ok: true, value: "阿卜杜勒·艾合买提" });
    expect(parseName("阿卜杜勒・艾合买提")).toEqual({ ok: true, value: "阿卜杜勒·艾合买提" });
    expect(parseName("阿卜杜勒.艾合买提")).toEqual({ ok: true, value: "阿卜杜勒·艾合买提" });
  });

  it("drops spaces typed between Chinese characters", () => {
    expect(parseName("张 三")).toEqual({ ok: true, value: "张三" });
  });

  it("accepts a foreigner's name with spaces, hyphens and apostrophes", () => {
    expect(parseName("Mary-Jane O'Neil")).toEqual({ ok: true, value: "Mary-Jane O'Neil" });
    expect(parseName("Mary-Jane  O’Neil")).toEqual({ ok: true, value: "Mary-Jane O'Neil" });
    expect(parseName("José Álvarez")).toEqual({ ok: true, value: "José Álvarez" });
  });

  it("refuses a single character and anything over 30", () => {
    expect(parseName("张")).toEqual({ ok: false, problem: "name.length" });
    expect(parseName("   ")).toEqual({ ok: false, problem: "name.length" });
    expect(parseName("A".repeat(31))).toEqual({ ok: false, problem: "name.length" });
  });

  it("refuses digits, emoji, mixed scripts and stray punctuation", () => {
    for (const raw of ["张三3", "John2", "张三😀", "张三Smith", "·张三", "John--Smith", "Smith, John"]) {
      expect(parseName(raw)).toEqual({ ok: false, problem: "name.characters" });
    }
  });
});
