# syntax=docker/dockerfile:1
#
# The SCRM server image: the NestJS API/worker plus the admin (/admin) and H5 (/h5) builds it
# serves itself. Build from the repository root:
#   docker build -f docker/server.Dockerfile -t scrm-server .
# One image, two roles: ROLE=api or ROLE=worker (both need REDIS_URL), ROLE=all (default).

# --- toolchain: better-sqlite3 (the embedded SQLite driver) has no reachable prebuilt binary
# here and compiles from source; node-gyp takes the headers from the image instead of downloading.
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local \
    npm_config_update_notifier=false \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WORKDIR /app
# npm ci checks the one root lockfile against every workspace's package.json.
COPY package.json package-lock.json .npmrc ./
COPY server/package.json server/
COPY admin-web/package.json admin-web/
COPY miniprogram/package.json miniprogram/

# --- build: all workspaces' dependencies, then server, admin and H5.
# --ignore-scripts: the image's npm does not read the root "allowScripts" list, and
# @tarojs/cli's postinstall reaches an outside host. Native pieces (esbuild, swc, taro binding)
# arrive as optional dependencies; only better-sqlite3 needs its install step.
FROM toolchain AS build
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY server server
COPY admin-web admin-web
COPY miniprogram miniprogram
RUN npm run build -w server \
 && npm run build -w admin-web \
 && npm run build:h5 -w miniprogram

# --- prod-deps: the server workspace's production dependencies only (no Vue, Taro, Jest).
FROM toolchain AS prod-deps
RUN npm ci --omit=dev --workspace server --ignore-scripts \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force

# --- runtime
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json ./
COPY server/package.json server/
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/admin-web/dist admin-web/dist
COPY --from=build /app/miniprogram/dist/h5 miniprogram/dist/h5
# DATA_DIR holds the embedded SQLite (without DB_URL) and segment export/import files (api and
# worker must share it); it must be writable by the app user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# No curl in the slim image: Node 20's fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server/dist/main.js"]
