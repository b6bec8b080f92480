// The hospital's `mapPoint` (地图经纬度位置, "map longitude/latitude") read as a position for Telegram's
// sendLocation. The document types it as a free string and its example is filler ("3i7c50"), so nothing
// is assumed beyond "two decimal numbers":
// - Order: both are accepted. Chinese map services (AMap, Baidu) and the field's own name put the
//   longitude first ("114.057868,22.543099", what the sandbox sends); some systems write latitude first.
//   China lies within latitude 3–54° N and longitude 73–136° E, ranges that do not overlap, so which number
//   is which is never a guess: the one in the longitude range is the longitude.
// - Separators: comma (ASCII or full-width), semicolon, '|' or spaces.
// - Anything else (filler, one number, a point outside China, 0,0) is no position: no location is sent.
// The datum is not stated (AMap uses GCJ-02, a few hundred metres off WGS-84); the pin is shown as given.
export interface MapPosition {
  latitude: number;
  longitude: number;
}

const LAT = { min: 3, max: 54 };
const LNG = { min: 73, max: 136 };

const inLat = (x: number) => x >= LAT.min && x <= LAT.max;
const inLng = (x: number) => x >= LNG.min && x <= LNG.max;

export function parseMapPoint(raw: string | undefined): MapPosition | undefined {
  if (raw === undefined) return undefined;
  const parts = raw
    .trim()
    .split(/\s*[,，;；|]\s*|\s+/)
    .filter((p) => p !== "");
  if (parts.length !== 2 || !parts.every((p) => /^[+-]?\d{1,3}(\.\d+)?$/.test(p))) return undefined;
  const [a, b] = parts.map(Number) as [number, number];
  if (inLng(a) && inLat(b)) return { latitude: b, longitude: a };
  if (inLat(a) && inLng(b)) return { latitude: a, longitude: b };
  return undefined;
}
