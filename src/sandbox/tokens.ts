// appToken issue and checking. The fixed token stands for an operator-managed one and is never revoked;
// issued tokens expire by the sandbox clock and can all be revoked at once to exercise client refresh.
import { rngFor } from "./prng.js";

export interface TokenOptions {
  fixedToken: string;
  appId: number;
  appSecret: string;
  ttlSeconds: number;
  seed: number;
  now: () => Date;
}

export class TokenStore {
  private readonly issued = new Map<string, number>();
  private count = 0;

  constructor(private readonly opts: TokenOptions) {}

  credentialsMatch(appId: number, appSecret: string): boolean {
    return appId === this.opts.appId && appSecret === this.opts.appSecret;
  }

  issue(): { appToken: string; expiresIn: number } {
    const rng = rngFor(this.opts.seed, "token", ++this.count);
    let appToken = "";
    while (appToken.length < 40) appToken += rng.int(0, 35).toString(36);
    this.issued.set(appToken, this.opts.now().getTime() + this.opts.ttlSeconds * 1000);
    return { appToken, expiresIn: this.opts.ttlSeconds };
  }

  isValid(token: unknown): boolean {
    if (typeof token !== "string" || token === "") return false;
    if (token === this.opts.fixedToken) return true;
    const expiresAt = this.issued.get(token);
    return expiresAt !== undefined && this.opts.now().getTime() < expiresAt;
  }

  revokeIssued(): void {
    this.issued.clear();
  }
}
