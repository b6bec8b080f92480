import type { ApiCall } from "./types.js";

export class CallLog {
  private readonly entries: ApiCall[] = [];

  record(call: ApiCall): void {
    this.entries.push(call);
  }

  list(method?: string): ApiCall[] {
    if (method === undefined) return [...this.entries];
    const wanted = method.toLowerCase();
    return this.entries.filter((call) => call.method.toLowerCase() === wanted);
  }
}
