import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.js";

/**
 * The parameters of one Bot API request: the query string merged with a JSON, urlencoded or
 * multipart body — the encodings Telegram accepts. telegraf sends JSON, and multipart only when a
 * payload carries a file.
 */
export async function readParameters(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const body = await readAll(req);
  if (body.length === 0) return params;
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/json")) return { ...params, ...parseJsonBody(body) };
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary === undefined) throw badRequest("invalid multipart boundary");
    return { ...params, ...parseMultipart(body, boundary) };
  }
  return params;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON encoded request body");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest("JSON request body must be an object");
  }
  return { ...parsed };
}

/** Text fields keep their value; an uploaded file is kept as its name, size and bytes. */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  // latin1 maps bytes 1:1 to chars, so splitting cannot corrupt multi-byte UTF-8 values
  const parts = body.toString("latin1").split(`--${boundary}`);
  for (const part of parts) {
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    const content = part.slice(headerEnd + 4).replace(/\r\n$/, "");
    const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    fields[name] =
      filename === undefined
        ? Buffer.from(content, "latin1").toString("utf8")
        : { filename, size: Buffer.byteLength(content, "latin1"), bytes: Buffer.from(content, "latin1") };
  }
  return fields;
}
