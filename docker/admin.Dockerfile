# syntax=docker/dockerfile:1
#
# The admin web on nginx: serves the static build at /admin/ and proxies /api, /sandbox,
# /wechat and /h5 to the api service. Build from the repository root:
#   docker build -f docker/admin.Dockerfile -t scrm-admin .

FROM node:20-bookworm-slim AS build
ENV npm_config_update_notifier=false \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WORKDIR /app
# npm ci checks the one root lockfile against every workspace's package.json.
COPY package.json package-lock.json .npmrc ./
COPY server/package.json server/
COPY admin-web/package.json admin-web/
COPY miniprogram/package.json miniprogram/
# Only admin-web's dependencies; no install scripts are needed (esbuild and friends come as
# optional platform packages).
RUN npm ci --workspace admin-web --ignore-scripts
COPY admin-web admin-web
RUN npm run build -w admin-web

FROM nginx:1.27-alpine AS runtime
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
# vite's base is /admin/, so the files live under <root>/admin/.
COPY --from=build /app/admin-web/dist /usr/share/nginx/html/admin
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
