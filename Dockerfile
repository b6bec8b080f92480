# syntax=docker/dockerfile:1
# Build: compile TypeScript to dist/ with the dev dependencies. Run: a slim Node 20 image with production
# dependencies only, as the unprivileged `node` user. Docker could not be run where this file was written:
# it is kept correct by reading (see README.md, "Deploying with Docker").

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scenes ./scenes
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8080
# The slim image has no curl: Node's own fetch asks /healthz (Redis and the hospital API answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 here and handles SIGTERM itself: it stops taking updates, finishes those in hand, exits 0.
CMD ["node", "dist/src/main.js"]
