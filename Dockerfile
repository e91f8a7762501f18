# syntax=docker/dockerfile:1
# Storyboard Studio as a container: Next's standalone output, migrations applied at start, non-root, health check.
# Not built in CI (no image registry is reachable there); CI runs the same standalone folder with the same start
# script (e2e/deploy.spec.ts). See README "Deploying".

# --- deps: all dependencies, from the lockfile -----------------------------------------------------------------
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: next build + scripts/standalone/prepare.mjs (static files, bundled migrate.mjs, start.sh) ----------
FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build:standalone

# --- runner: only the standalone folder -----------------------------------------------------------------------
FROM node:20-slim AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data/pglite \
    LOG_FORMAT=json
# A non-root user owns only the data directory and Next's cache; the app files stay read-only to it.
RUN groupadd --system --gid 1001 app && useradd --system --uid 1001 --gid app --no-create-home app \
    && mkdir -p /data && chown app:app /data
COPY --from=build /app/.next/standalone ./
RUN mkdir -p .next/cache && chown app:app .next/cache
USER app
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# start.sh: `node migrate.mjs` (DATABASE_URL, or the embedded database in DATA_DIR), then `exec node server.js`.
CMD ["./start.sh"]
