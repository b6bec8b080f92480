// The bot's one HTTP listener (PORT): /healthz and /metrics in both modes, and the webhook path in webhook
// mode. One port keeps the container simple; in front of the internet, route only the webhook path.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookHandler } from "../bot/webhook.js";
import type { HealthReport } from "../observability/health.js";
import type { Logger } from "../observability/logger.js";

export interface HttpServerOptions {
  port: number;
  /** default 0.0.0.0, so a container's port mapping reaches it */
  host?: string;
  health: () => Promise<HealthReport>;
  metrics: { render(): Promise<string>; contentType: string };
  webhook?: WebhookHandler;
  logger: Logger;
}

export interface HttpServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** stops listening and waits for the requests in hand */
  close(): Promise<void>;
}

function pathOf(req: http.IncomingMessage): string {
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const { logger } = opts;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = pathOf(req);
    if (opts.webhook && path === opts.webhook.path && path !== "/healthz" && path !== "/metrics") {
      opts.webhook.handle(req, res);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    if (path === "/healthz") {
      const report = await opts.health();
      res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(report));
      return;
    }
    if (path === "/metrics") {
      const text = await opts.metrics.render();
      res.writeHead(200, { "content-type": opts.metrics.contentType }).end(text);
      return;
    }
    res.writeHead(404).end();
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      logger.error({ err }, "HTTP request failed");
      if (!res.headersSent) res.writeHead(500);
      if (!res.writableEnded) res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // keep-alive connections with no request in hand would hold close() open until they time out
      server.closeIdleConnections();
      // and a probe or scrape still running should not hold up the exit for long
      const cut = setTimeout(() => server.closeAllConnections(), 1_000);
      cut.unref();
      await closed;
      clearTimeout(cut);
    },
  };
}
