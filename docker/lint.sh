#!/usr/bin/env bash
# Lints docker/ with whatever is available; no Docker engine needed.
#   bash docker/lint.sh            (from anywhere)
# Checks, each skipped with a note when its tool is missing:
#   1. docker-compose config   validates the compose file and its ${…} variables against
#                              .env.example (Debian: apt-get install docker-compose, 1.29)
#   2. dclint                  compose lint (npx --yes dclint; not a project dependency)
#   3. dockerfilelint          Dockerfile lint, rules in docker/.dockerfilelintrc
#   4. nginx -t                docker/nginx.conf inside a minimal http {} block
#   5. server config           the environment compose gives migrate/api/worker, parsed by the
#                              server's own loadConfig (server/dist; npm run build -w server)
# Exits non-zero when a check that ran failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

failed=0
ran=0
note() { printf '\n== %s\n' "$*"; }
result() {
  if [ "$1" -eq 0 ]; then echo "ok"; else echo "FAILED ($1)"; failed=1; fi
  ran=$((ran + 1))
}

note "docker-compose config (docker/.env.example)"
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker/docker-compose.yml --env-file docker/.env.example config --quiet
  result $?
elif docker compose version >/dev/null 2>&1; then
  docker compose -f docker/docker-compose.yml --env-file docker/.env.example config --quiet
  result $?
else
  echo "skipped: neither docker-compose nor the docker compose plugin is installed"
fi

# Rules switched off, and why:
# - no-build-and-image: the image tag on a built service is deliberate; it names the image so it
#   can be pushed to a registry and pulled on other hosts, and lets api/worker/migrate share one.
# - require-project-name-field: the top-level `name` key is rejected by docker-compose 1.29;
#   the project name comes from COMPOSE_PROJECT_NAME in docker/.env instead.
note "dclint docker/docker-compose.yml"
if command -v npx >/dev/null 2>&1 && npx --yes dclint --version >/dev/null 2>&1; then
  npx --yes dclint docker/docker-compose.yml \
    --disable-rule no-build-and-image --disable-rule require-project-name-field
  result $?
else
  echo "skipped: dclint could not be installed through npx"
fi

note "dockerfilelint docker/*.Dockerfile"
if command -v npx >/dev/null 2>&1 && npx --yes dockerfilelint --version >/dev/null 2>&1; then
  npx --yes dockerfilelint -c docker docker/server.Dockerfile docker/admin.Dockerfile
  result $?
else
  echo "skipped: dockerfilelint could not be installed through npx"
fi

note "nginx -t docker/nginx.conf"
if command -v nginx >/dev/null 2>&1; then
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/logs"
  cat >"$tmp/nginx.conf" <<EOF
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $tmp/body;
  proxy_temp_path $tmp/proxy;
  include $here/nginx.conf;
}
EOF
  nginx -t -q -p "$tmp" -c "$tmp/nginx.conf"
  result $?
  rm -rf "$tmp"
else
  echo "skipped: nginx is not installed (apt-get install nginx), or check in the image:"
  echo "  docker run --rm -v \"\$PWD/docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro\" nginx:1.27-alpine nginx -t"
fi

# The server validates its environment at boot (server/src/platform/config/config.ts); make sure
# what compose hands it parses, so a renamed or newly required variable shows up here.
note "server config accepts the compose environment"
config_js="$root/server/dist/platform/config/config.js"
if [ -f "$config_js" ] && command -v docker-compose >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  docker-compose -f docker/docker-compose.yml --env-file docker/.env.example config 2>/dev/null |
    python3 -c 'import sys, yaml, json; c = yaml.safe_load(sys.stdin); print(json.dumps({s: c["services"][s].get("environment", {}) for s in ("migrate", "api", "worker")}))' |
    node -e '
      const { loadConfig } = require(process.argv[1]);
      const envs = JSON.parse(require("fs").readFileSync(0, "utf8"));
      let bad = 0;
      for (const [svc, env] of Object.entries(envs)) {
        // .env.example ships a placeholder key that the server must refuse; check with a real one.
        try { loadConfig({ ...env, APP_SECRET_KEY: env.APP_SECRET_KEY }); console.log(`${svc}: placeholder APP_SECRET_KEY accepted (it should be refused)`); bad++; }
        catch (e) { const p = e.problems || [e.message]; if (p.length !== 1 || !p[0].startsWith("APP_SECRET_KEY")) { console.log(`${svc}: ${e.message}`); bad++; } }
        try { const c = loadConfig({ ...env, APP_SECRET_KEY: require("crypto").randomBytes(32).toString("hex") }); console.log(`${svc}: ok (ROLE=${c.role}, db ${c.db.kind}, jobs ${c.redisUrl ? "redis" : "inline"})`); }
        catch (e) { console.log(`${svc}: ${e.message}`); bad++; }
      }
      process.exit(bad ? 1 : 0);
    ' "$config_js"
  result $?
else
  echo "skipped: needs server/dist (npm run build -w server), docker-compose and python3-yaml"
fi

printf '\n%d check(s) ran; %s\n' "$ran" "$([ $failed -eq 0 ] && echo 'all passed' || echo 'some FAILED')"
exit $failed
