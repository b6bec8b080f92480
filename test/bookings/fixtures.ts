// Records and a hospital double for the bookings tests: only cancelOrder is scripted; any other call
// means the service reached somewhere it should not.
import type { BookingRecord } from "../../src/bookings/record.js";
import type { HospitalApi } from "../../src/hospital/types.js";

export function record(overrides: Partial<BookingRecord> = {}): BookingRecord {
  const id = overrides.id ?? overrides.orderId ?? "100001";
  return {
    id,
    orderId: id,
    takeNo: "654321",
    unitId: "21",
    hospital: "深圳市人民医院",
    department: "心血管内科",
    doctor: "王医生 · 主任医师",
    beginTime: "2025-03-10 09:00:00",
    endTime: "2025-03-10 09:30:00",
    fee: 20,
    patientMasked: "张*",
    status: "booked",
    placedAt: "2025-03-01T02:00:00.000Z",
    ...overrides,
  };
}

export interface CancelCall {
  orderId: string;
  reason: string;
}

export function fakeHospital(cancel: (call: CancelCall, nth: number) => Promise<void> = async () => {}): {
  api: HospitalApi;
  calls: CancelCall[];
} {
  const calls: CancelCall[] = [];
  const unexpected = () => Promise.reject(new Error("only cancelOrder is expected"));
  const api: HospitalApi = {
    listHospitals: unexpected,
    listDepartments: unexpected,
    listDoctors: unexpected,
    listSchedules: unexpected,
    listSlots: unexpected,
    placeOrder: unexpected,
    async cancelOrder(orderId, reason) {
      calls.push({ orderId, reason });
      await cancel({ orderId, reason }, calls.length);
    },
  };
  return { api, calls };
}
