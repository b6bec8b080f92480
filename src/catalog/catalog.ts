// What the conversation browses: cities, hospitals, departments, doctors and schedules, cached so that
// a crowd of patients costs the hospital one request per list. Slots are never cached: they are what a
// patient books, and a stale one would offer a slot that is already gone.
import type { Redis } from "ioredis";
import { fetchAllPages } from "../hospital/paging.js";
import type {
  Department,
  DepId,
  Doctor,
  DoctorId,
  Hospital,
  HospitalApi,
  IsoDate,
  Schedule,
  ScheduleId,
  Slot,
  UnitId,
} from "../hospital/types.js";
import type { Logger } from "../observability/logger.js";
import { type City, citiesOf } from "./cities.js";
import { createLayeredCache } from "./layered-cache.js";

export type { City };

export interface CatalogTtl {
  hospitalsSec: number;
  departmentsSec: number;
  doctorsSec: number;
  schedulesSec: number;
  /** the in-process layer in front of Redis */
  memorySec: number;
}

export const DEFAULT_CATALOG_TTL: CatalogTtl = {
  hospitalsSec: 6 * 3600,
  departmentsSec: 6 * 3600,
  doctorsSec: 3600,
  schedulesSec: 15,
  memorySec: 45,
};

export interface CatalogOptions {
  api: HospitalApi;
  redis: Redis;
  /** the bot's Redis key prefix, e.g. "hbot:" */
  prefix: string;
  logger: Logger;
  ttl?: Partial<CatalogTtl>;
  /** how long a caller waits for another process filling the same entry before fetching itself */
  fillWaitMs?: number;
  /** each wait for a hospital answer another caller asked for (one fetch per entry), in ms */
  onSharedWait?: (ms: number) => void;
}

export interface Catalog {
  cities(): Promise<City[]>;
  /** all hospitals, or those of one city (matched on cityName) */
  hospitals(cityName?: string): Promise<Hospital[]>;
  hospital(unitId: UnitId): Promise<Hospital | undefined>;
  departments(unitId: UnitId): Promise<Department[]>;
  department(unitId: UnitId, depId: DepId): Promise<Department | undefined>;
  doctors(unitId: UnitId, depId: DepId): Promise<Doctor[]>;
  doctor(unitId: UnitId, depId: DepId, doctorId: DoctorId): Promise<Doctor | undefined>;
  /** cached for seconds only: availability changes as patients book */
  schedules(
    unitId: UnitId,
    depId: DepId,
    doctorId: DoctorId,
    beginDate: IsoDate,
    endDate: IsoDate,
  ): Promise<Schedule[]>;
  /** always live */
  slots(unitId: UnitId, scheduleId: ScheduleId): Promise<Slot[]>;
  /** drops a doctor's cached schedules, e.g. after an order changed their availability */
  invalidateSchedules(unitId: UnitId, depId: DepId, doctorId: DoctorId): Promise<void>;
}

/** Lists are requested in large pages; the walk copes with a server that caps the size lower. */
const PAGE_SIZE = 100;

export function createCatalog(opts: CatalogOptions): Catalog {
  const { api } = opts;
  const ttl = { ...DEFAULT_CATALOG_TTL, ...opts.ttl };
  const memoryTtlMs = ttl.memorySec * 1000;
  const cache = createLayeredCache({
    redis: opts.redis,
    logger: opts.logger.child({ component: "catalog" }),
    waitMs: opts.fillWaitMs,
    onSharedWait: opts.onSharedWait,
  });
  // IDs come from the API and could hold the key separator.
  const id = (s: string) => encodeURIComponent(s);
  const base = `${opts.prefix}catalog:v1:`;
  const scheduleGroup = (u: UnitId, d: DepId, doc: DoctorId) =>
    `${base}sched-group:${id(u)}:${id(d)}:${id(doc)}`;

  const allHospitals = () =>
    cache.get({ key: `${base}hospitals`, ttlMs: ttl.hospitalsSec * 1000, memoryTtlMs }, () =>
      fetchAllPages((pageNum) => api.listHospitals({ pageNum, pageSize: PAGE_SIZE }), {
        keyOf: (h) => h.unitId,
      }),
    );

  const allDepartments = (unitId: UnitId) =>
    cache.get({ key: `${base}deps:${id(unitId)}`, ttlMs: ttl.departmentsSec * 1000, memoryTtlMs }, () =>
      fetchAllPages((pageNum) => api.listDepartments(unitId, { pageNum, pageSize: PAGE_SIZE }), {
        keyOf: (d) => d.depId,
      }),
    );

  const allDoctors = (unitId: UnitId, depId: DepId) =>
    cache.get(
      { key: `${base}doctors:${id(unitId)}:${id(depId)}`, ttlMs: ttl.doctorsSec * 1000, memoryTtlMs },
      () =>
        fetchAllPages((pageNum) => api.listDoctors(unitId, depId, { pageNum, pageSize: PAGE_SIZE }), {
          keyOf: (d) => d.doctorId,
        }),
    );

  // Cached values are shared between callers: hand out copies so one caller's sort cannot reorder another's.
  return {
    async cities() {
      return citiesOf(await allHospitals());
    },
    async hospitals(cityName) {
      const all = await allHospitals();
      return cityName === undefined ? [...all] : all.filter((h) => h.cityName === cityName);
    },
    async hospital(unitId) {
      return (await allHospitals()).find((h) => h.unitId === unitId);
    },
    async departments(unitId) {
      return [...(await allDepartments(unitId))];
    },
    async department(unitId, depId) {
      return (await allDepartments(unitId)).find((d) => d.depId === depId);
    },
    async doctors(unitId, depId) {
      return [...(await allDoctors(unitId, depId))];
    },
    async doctor(unitId, depId, doctorId) {
      return (await allDoctors(unitId, depId)).find((d) => d.doctorId === doctorId);
    },
    async schedules(unitId, depId, doctorId, beginDate, endDate) {
      const group = scheduleGroup(unitId, depId, doctorId);
      const key = `${base}sched:${id(unitId)}:${id(depId)}:${id(doctorId)}:${beginDate}:${endDate}`;
      const ttlMs = ttl.schedulesSec * 1000;
      const list = await cache.get({ key, ttlMs, memoryTtlMs: ttlMs, group }, () =>
        api.listSchedules({ unitId, depId, doctorId, beginDate, endDate }),
      );
      return [...list];
    },
    slots(unitId, scheduleId) {
      return api.listSlots(unitId, scheduleId);
    },
    invalidateSchedules(unitId, depId, doctorId) {
      return cache.invalidate(scheduleGroup(unitId, depId, doctorId));
    },
  };
}
