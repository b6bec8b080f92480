// The `{ code, msg, data? }` envelope and how it goes on the wire.
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_CODES } from "../hospital/error-codes.js";
import { Refusal } from "./refusal.js";
import type { Params } from "./validation.js";

const MAX_BODY_BYTES = 64 * 1024;

export interface Envelope {
  code: string | number;
  msg: string;
  data?: unknown;
}

/** The platform is inconsistent about the code's type; the invalid-token code goes out as a number so
 * that clients comparing strings find out here rather than in production. */
export function envelope(code: string, msg: string, data?: unknown): Envelope {
  const wireCode = code === API_CODES.invalidToken ? Number(code) : code;
  return data === undefined ? { code: wireCode, msg } : { code: wireCode, msg, data };
}

export function send(res: ServerResponse, status: number, body: Envelope): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The body as text; null when it is too big to be an order. */
export async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    // Keep draining so the client still gets an answer, but stop keeping what is too big.
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8");
}

export function parseJsonObject(text: string | null): Params {
  if (text === null) throw new Refusal(API_CODES.badParameter, "请求报文过大");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Refusal(API_CODES.badParameter, "请求报文不是合法的JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Refusal(API_CODES.badParameter, "请求报文必须是JSON对象");
  }
  return parsed as Params;
}
