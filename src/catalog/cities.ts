// The API has no city endpoint: cities are read off the hospital list.
import type { Hospital } from "../hospital/types.js";

export interface City {
  name: string;
  /** the national area code, "" when no hospital of the city gives one */
  code: string;
  hospitalCount: number;
}

/** Cities with the most hospitals first (they are where most patients are), then by pinyin order. */
export function citiesOf(hospitals: readonly Hospital[]): City[] {
  const byName = new Map<string, City>();
  for (const h of hospitals) {
    const name = h.cityName.trim();
    if (name === "") continue;
    const city = byName.get(name) ?? { name, code: "", hospitalCount: 0 };
    city.hospitalCount++;
    if (city.code === "" && h.cityCode !== "") city.code = h.cityCode;
    byName.set(name, city);
  }
  const collator = new Intl.Collator("zh-Hans-CN");
  return [...byName.values()].sort(
    (a, b) => b.hospitalCount - a.hospitalCount || collator.compare(a.name, b.name),
  );
}
