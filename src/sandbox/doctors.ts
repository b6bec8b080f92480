// Doctors of one department: names, titles and the registration level (and fee) their title earns.
import type { FeeLevel, SandboxDepartment, SandboxDoctor, SandboxHospital } from "./model.js";
import { expertiseFor, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TITLES } from "./names.js";
import { type Rng, rngFor } from "./prng.js";

const FEES: Record<string, [number, number, number]> = {
  三甲: [25, 50, 100],
  三乙: [18.5, 38, 80],
  二甲: [12.5, 28, 60],
};

function personName(rng: Rng, gender: 0 | 1): string {
  const pool = gender === 1 ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.6) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return rng.pick(SURNAMES) + given;
}

function title(rng: Rng): string {
  const total = TITLES.reduce((s, t) => s + t.weight, 0);
  let r = rng.next() * total;
  for (const t of TITLES) {
    r -= t.weight;
    if (r < 0) return t.title;
  }
  return TITLES[TITLES.length - 1]?.title ?? "主治医师";
}

function feeLevel(rng: Rng, doctorTitle: string, hospitalLevel: string): FeeLevel {
  const [ordinary, expert, special] = FEES[hospitalLevel] ?? [20, 40, 80];
  if (doctorTitle === "主任医师" && rng.chance(0.3)) return { code: "3", name: "特需号", fee: special };
  if (doctorTitle === "主任医师" || doctorTitle === "副主任医师") {
    return { code: "2", name: "专家号", fee: expert };
  }
  return { code: "1", name: "普通号", fee: ordinary };
}

export function doctorsOf(
  seed: number,
  h: SandboxHospital,
  d: SandboxDepartment,
  first: boolean,
): SandboxDoctor[] {
  const rng = rngFor(seed, "doctors", d.depId);
  // Every department's first doctor sits daily with room left, so "tap the first button" always books;
  // the first hospital's first department also ends with a fully booked doctor, for the opposite story.
  const count = first ? 4 : rng.int(2, 5);
  const names = new Set<string>();
  const out: SandboxDoctor[] = [];
  for (let k = 0; k < count; k++) {
    const gender: 0 | 1 = rng.chance(0.55) ? 1 : 0;
    let name = personName(rng, gender);
    while (names.has(name)) name = personName(rng, gender);
    names.add(name);
    const t = title(rng);
    const years = rng.int(5, 30);
    const random = rng.chance(0.04) ? "full" : "usual";
    out.push({
      doctorId: d.depId * 10 + k + 1,
      depId: d.depId,
      unitId: h.unitId,
      name,
      title: t,
      gender,
      expertise: `擅长${expertiseFor(d.name)}`,
      detail: `${name}，${t}，从事${d.name}临床工作${years}年。`,
      moreVisits: rng.int(0, 500),
      level: feeLevel(rng, t, h.level),
      pattern: k === 0 ? "daily" : first && k === count - 1 ? "full" : random,
    });
  }
  return out;
}
