import http from "node:http";
import https from "node:https";

export interface PostResult {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

/** One JSON POST over node:http(s), with connections kept alive on the given agents. */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  agents: { http: http.Agent; https: https.Agent },
  timeoutMs: number,
): Promise<PostResult> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const request = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            contentType: res.headers["content-type"] ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
