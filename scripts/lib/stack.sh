#!/usr/bin/env bash
# The two set-ups of seed 001 as plain processes on one machine, without Docker:
#   dev  one API instance (+ NGINX with deploy/nginx/dev.conf.template when installed)
#   ha   three API instances behind NGINX (deploy/nginx/ha.conf.template) on port 3001
# against PostgreSQL and Redis from the OS. Pid and log files live in $RUN_DIR/<set>/.
#   scripts/lib/stack.sh dev|ha start|stop|status|logs [args]
# scripts/dstart … scripts/halogs call this; docs/DEPLOY.md lists every variable.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SET="${1:?usage: stack.sh dev|ha start|stop|status|logs}"
CMD="${2:?usage: stack.sh dev|ha start|stop|status|logs}"
shift 2

RUN_DIR="${RUN_DIR:-$ROOT/run}"
mkdir -p "$RUN_DIR/$SET"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
DIR="$RUN_DIR/$SET"
NGINX_DIR="$DIR/nginx"
LISTEN_HOST="${DG_HOST:-127.0.0.1}"

case "$SET" in
  dev)
    NAMES=(api)
    PORTS=("${DG_API_PORT:-3000}")
    LB_PORT="${DG_WEB_PORT:-8080}"
    SITE_TEMPLATE="$ROOT/deploy/nginx/dev.conf.template"
    NODE_ENV_FOR_SET="${DG_NODE_ENV:-development}"
    ;;
  ha)
    NAMES=(api-1 api-2 api-3)
    read -r -a PORTS <<<"${HA_API_PORTS:-3002 3003 3004}"
    [ "${#PORTS[@]}" -eq 3 ] || { echo "HA_API_PORTS needs three ports" >&2; exit 2; }
    LB_PORT="${HA_PORT:-3001}"
    TLS_PORT="${HA_TLS_PORT:-3443}"
    SITE_TEMPLATE="$ROOT/deploy/nginx/ha.conf.template"
    NODE_ENV_FOR_SET="${DG_NODE_ENV:-production}"
    ;;
  *) echo "unknown set: $SET (dev or ha)" >&2; exit 2 ;;
esac

if [ "${DG_EMBEDDED:-0}" = 1 ]; then
  [ "$SET" = dev ] || { echo "DG_EMBEDDED=1 is for the single instance only: three instances share PostgreSQL and Redis" >&2; exit 2; }
  unset DATABASE_URL REDIS_URL
  export DATA_DIR="${DATA_DIR:-$DIR/data}"
else
  export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/discordgym}"
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
fi

NGINX_BIN="${NGINX_BIN:-$(command -v nginx || true)}"
[ -n "$NGINX_BIN" ] || { [ -x /usr/sbin/nginx ] && NGINX_BIN=/usr/sbin/nginx; } || true

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

pid_of() { cat "$1" 2>/dev/null || true; }
# alive PIDFILE: the process runs and is ours (an API instance or NGINX), not a reused pid.
alive() {
  local pid
  pid="$(pid_of "$1")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ -r "/proc/$pid/cmdline" ] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -Eq 'apps/server/dist/main\.js|nginx'
}

http_code() {
  if command -v curl >/dev/null 2>&1; then
    curl -ks -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
  else
    node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>console.log(r.status),()=>console.log("000"))' "$1"
  fi
}

# wait_ok URL SECONDS [PIDFILE]: until URL answers 200; gives up early when the process died.
wait_ok() {
  local url="$1" seconds="$2" pidfile="${3:-}" i
  for ((i = 0; i < seconds * 5; i++)); do
    [ "$(http_code "$url")" = 200 ] && return 0
    if [ -n "$pidfile" ] && ! alive "$pidfile"; then return 1; fi
    sleep 0.2
  done
  return 1
}

nginx_cmd() { "$NGINX_BIN" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" "$@"; }

build() {
  if [ "${DG_SKIP_BUILD:-0}" = 1 ]; then
    [ -f "$ROOT/apps/server/dist/main.js" ] || die "DG_SKIP_BUILD=1 but apps/server/dist/main.js is missing: run npm run build"
    return
  fi
  say "== build (npm run build; DG_SKIP_BUILD=1 skips it)"
  (cd "$ROOT" && npm run build --silent)
}

jwt_secret() {
  if [ -n "${JWT_SECRET:-}" ]; then printf '%s' "$JWT_SECRET"; return; fi
  if [ "$NODE_ENV_FOR_SET" != production ]; then return; fi
  local file="$DIR/jwt-secret"
  if [ ! -s "$file" ]; then
    (umask 077 && openssl rand -base64 48 | tr -d '\n' >"$file")
  fi
  cat "$file"
}

start_api() {
  local name="$1" port="$2" secret="$3" pidfile="$DIR/$1.pid"
  if alive "$pidfile"; then
    say "$name already running (pid $(pid_of "$pidfile"))"
    return
  fi
  (
    cd "$ROOT"
    export NODE_ENV="$NODE_ENV_FOR_SET" HOST="$LISTEN_HOST" PORT="$port" INSTANCE_ID="$name" TRUST_PROXY=true
    [ -n "$secret" ] && export JWT_SECRET="$secret"
    nohup node apps/server/dist/main.js </dev/null >>"$DIR/$name.log" 2>&1 &
    echo $! >"$pidfile"
  )
  say "$name starting on http://$LISTEN_HOST:$port (pid $(pid_of "$pidfile"), log $DIR/$name.log)"
}

start_nginx() {
  if [ -z "$NGINX_BIN" ]; then
    [ "$SET" = ha ] && die "nginx is not installed (apt-get install nginx)"
    say "nginx is not installed: the API serves the web app itself on port ${PORTS[0]}"
    return
  fi
  if alive "$NGINX_DIR/nginx.pid"; then
    say "nginx already running (pid $(pid_of "$NGINX_DIR/nginx.pid"))"
    return
  fi
  mkdir -p "$NGINX_DIR/tmp"
  local vars=(
    NGINX_PREFIX="$NGINX_DIR" MIME_TYPES="${NGINX_MIME_TYPES:-/etc/nginx/mime.types}" SITE_CONF="$NGINX_DIR/site.conf"
    LISTEN_ADDR="$LISTEN_HOST" LISTEN_PORT="$LB_PORT" WEB_ROOT="$ROOT/apps/web/dist" ACCESS_LOG="$NGINX_DIR/access.log"
    API_1="127.0.0.1:${PORTS[0]}"
  )
  if [ "$SET" = ha ]; then
    "$ROOT/scripts/gen-self-signed-cert.sh" "$RUN_DIR/certs" >/dev/null
    vars+=(
      API_2="127.0.0.1:${PORTS[1]}" API_3="127.0.0.1:${PORTS[2]}" TLS_PORT="$TLS_PORT" CERT_DIR="$RUN_DIR/certs"
      API_RATE="${NGINX_API_RATE:-10}" API_BURST="${NGINX_API_BURST:-20}"
    )
  fi
  node "$ROOT/scripts/lib/render-template.mjs" "$ROOT/deploy/nginx/nginx.conf.template" "$NGINX_DIR/nginx.conf" "${vars[@]}"
  node "$ROOT/scripts/lib/render-template.mjs" "$SITE_TEMPLATE" "$NGINX_DIR/site.conf" "${vars[@]}"
  nginx_cmd -t -q </dev/null >/dev/null 2>"$NGINX_DIR/config-test.log" || { cat "$NGINX_DIR/config-test.log" >&2; die "nginx configuration test failed"; }
  nginx_cmd </dev/null >/dev/null 2>>"$NGINX_DIR/error.log" || die "nginx did not start (see $NGINX_DIR/error.log)"
  local url="http://$LISTEN_HOST:$LB_PORT"
  say "nginx starting on $url${TLS_PORT:+ and https://$LISTEN_HOST:$TLS_PORT} (pid file $NGINX_DIR/nginx.pid)"
}

# stop_pidfiles SIGNAL NAME=PIDFILE ...: signal them all at once (TERM: graceful for the
# API, QUIT for NGINX), wait up to DG_STOP_TIMEOUT seconds, then kill -9 what is left.
stop_pidfiles() {
  local signal="$1" entry name pidfile pid i waiting
  shift
  local names=() pids=() files=()
  for entry in "$@"; do
    name="${entry%%=*}"
    pidfile="${entry#*=}"
    if alive "$pidfile"; then
      pid="$(pid_of "$pidfile")"
      kill -"$signal" "$pid" 2>/dev/null || true
      names+=("$name")
      pids+=("$pid")
      files+=("$pidfile")
    else
      rm -f "$pidfile"
    fi
  done
  for ((i = 0; i < ${DG_STOP_TIMEOUT:-15} * 10; i++)); do
    waiting=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && waiting=1; done
    [ "$waiting" = 0 ] && break
    sleep 0.1
  done
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      say "${names[$i]} did not stop within ${DG_STOP_TIMEOUT:-15} s: kill -9"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
    rm -f "${files[$i]}"
    say "${names[$i]} stopped"
  done
}

cmd_start() {
  build
  if [ -n "${DATABASE_URL:-}" ]; then
    say "== PostgreSQL and Redis ($DATABASE_URL, $REDIS_URL)"
    (cd "$ROOT" && node scripts/lib/preflight.mjs) || die "start PostgreSQL and Redis first (see docs/DEPLOY.md)"
  fi
  local secret i failed=0
  secret="$(jwt_secret)"
  say "== API instances"
  for i in "${!NAMES[@]}"; do start_api "${NAMES[$i]}" "${PORTS[$i]}" "$secret"; done
  for i in "${!NAMES[@]}"; do
    if ! wait_ok "http://127.0.0.1:${PORTS[$i]}/ready" "${DG_START_TIMEOUT:-60}" "$DIR/${NAMES[$i]}.pid"; then
      say "${NAMES[$i]} is not ready; last lines of $DIR/${NAMES[$i]}.log:"
      tail -n 20 "$DIR/${NAMES[$i]}.log" >&2 || true
      failed=1
    fi
  done
  [ "$failed" = 0 ] || die "not every instance started"
  say "== NGINX"
  start_nginx
  if [ -n "$NGINX_BIN" ]; then
    wait_ok "http://127.0.0.1:$LB_PORT/health" 20 "$NGINX_DIR/nginx.pid" || die "nginx does not answer on port $LB_PORT (see $NGINX_DIR/error.log)"
  fi
  say ""
  cmd_status || true
}

cmd_stop() {
  stop_pidfiles QUIT "nginx=$NGINX_DIR/nginx.pid"
  local name entries=()
  for name in "${NAMES[@]}"; do entries+=("$name=$DIR/$name.pid"); done
  stop_pidfiles TERM "${entries[@]}"
  say "$SET set-up stopped"
}

cmd_status() {
  local i name pidfile code ok=0
  printf '%-8s %-8s %-9s %-7s %s\n' NAME PID STATE CHECK URL
  for i in "${!NAMES[@]}"; do
    name="${NAMES[$i]}"
    pidfile="$DIR/$name.pid"
    if alive "$pidfile"; then
      code="$(http_code "http://127.0.0.1:${PORTS[$i]}/ready")"
      printf '%-8s %-8s %-9s %-7s %s\n' "$name" "$(pid_of "$pidfile")" running "$([ "$code" = 200 ] && echo ready || echo "$code")" "http://$LISTEN_HOST:${PORTS[$i]}"
      [ "$code" = 200 ] || ok=1
    else
      printf '%-8s %-8s %-9s %-7s %s\n' "$name" - stopped - "http://$LISTEN_HOST:${PORTS[$i]}"
      ok=1
    fi
  done
  if [ -n "$NGINX_BIN" ]; then
    if alive "$NGINX_DIR/nginx.pid"; then
      code="$(http_code "http://127.0.0.1:$LB_PORT/health")"
      printf '%-8s %-8s %-9s %-7s %s\n' nginx "$(pid_of "$NGINX_DIR/nginx.pid")" running "$([ "$code" = 200 ] && echo ok || echo "$code")" "http://$LISTEN_HOST:$LB_PORT${TLS_PORT:+ https://$LISTEN_HOST:$TLS_PORT}"
      [ "$code" = 200 ] || ok=1
    else
      printf '%-8s %-8s %-9s %-7s %s\n' nginx - stopped - "http://$LISTEN_HOST:$LB_PORT"
      ok=1
    fi
  fi
  return "$ok"
}

cmd_logs() {
  local follow=auto lines=100 which=all files=() name
  while [ $# -gt 0 ]; do
    case "$1" in
      -f | --follow) follow=yes ;;
      --no-follow) follow=no ;;
      -n) lines="${2:?-n needs a number}"; shift ;;
      -h | --help) say "usage: ${SET:0:1}logs [$(IFS='|'; echo "${NAMES[*]}")|nginx|all] [-f|--no-follow] [-n LINES]"; return 0 ;;
      *) which="$1" ;;
    esac
    shift
  done
  case "$which" in
    all) for name in "${NAMES[@]}"; do files+=("$DIR/$name.log"); done; files+=("$NGINX_DIR/error.log") ;;
    nginx) files=("$NGINX_DIR/access.log" "$NGINX_DIR/error.log") ;;
    *)
      [[ " ${NAMES[*]} " == *" $which "* ]] || die "unknown log: $which (one of: ${NAMES[*]} nginx all)"
      files=("$DIR/$which.log")
      ;;
  esac
  local existing=()
  for name in "${files[@]}"; do [ -f "$name" ] && existing+=("$name"); done
  [ "${#existing[@]}" -gt 0 ] || die "no logs yet in $DIR (start the set-up first)"
  if [ "$follow" = yes ] || { [ "$follow" = auto ] && [ -t 1 ]; }; then
    exec tail -n "$lines" -F "${existing[@]}"
  fi
  tail -n "$lines" "${existing[@]}"
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) cmd_logs "$@" ;;
  *) die "unknown command: $CMD (start, stop, status, logs)" ;;
esac
