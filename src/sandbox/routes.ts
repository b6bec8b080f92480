// Path → endpoint. Paths are the document's, under the base URL.
import type { Route } from "./context.js";
import { resourceList, scheduleList } from "./routes-appointment.js";
import { cancel, order } from "./routes-booking.js";
import { appToken, depList, doctorList, unitList } from "./routes-catalog.js";

export const ROUTES: ReadonlyMap<string, Route> = new Map([
  ["/app/token", appToken],
  ["/basicInfo/unitList", unitList],
  ["/basicInfo/depList", depList],
  ["/basicInfo/doctorList", doctorList],
  ["/appointment/scheduleList", scheduleList],
  ["/appointment/resourceList", resourceList],
  ["/appointment/order", order],
  ["/appointment/cancel", cancel],
]);

export const ORDER_PATH = "/appointment/order";
export const SCHEDULES_PATH = "/appointment/scheduleList";
export const RESOURCES_PATH = "/appointment/resourceList";
