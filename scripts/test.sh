#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine of this kind: installs what the suite needs (Chromium,
# Thai fonts, PostgreSQL, nginx, sqlite3 and rsync when absent), starts a throwaway PostgreSQL, builds, runs every test project and
# ends with one line `N passed, N failed, N skipped` computed from the TRX results. Exit 0 only when all pass.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="$root/.test-output"
rm -rf "$out"
mkdir -p "$out/tmp" "$out/results"
# Chromium and the test host leave files behind: give them a folder this run owns.
export TMPDIR="$out/tmp"
log() { printf 'test.sh: %s\n' "$*" >&2; }

# --- packages -----------------------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || missing+=(fonts-thai-tlwg)
# deploy/ is checked for real: its nginx site with `nginx -t`, its backup and restore with sqlite3 and rsync.
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt)"
  if [ "$(id -u)" -ne 0 ]; then
    log "not root: cannot apt-get install ${missing[*]}; tests that need them will be skipped outside CI and fail in CI"
  else
    apt-get update -qq >"$out/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$out/apt.log" 2>&1 \
      || { log "apt-get install failed; see $out/apt.log"; }
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
fi

# --- throwaway PostgreSQL (refuses to run as root: run it as the postgres user) -----------------------
pg_dir=""
stop_pg() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
  [ -n "$pg_dir" ] && rm -rf "$pg_dir"
}
trap stop_pg EXIT
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && id postgres >/dev/null 2>&1; then
  pg_dir="$(mktemp -d /tmp/plannacc-pg.XXXXXX)"
  pg_port="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || echo 55432)"
  mkdir -p "$pg_dir/data" "$pg_dir/sock"
  chown -R postgres:postgres "$pg_dir"
  chmod 755 "$pg_dir"
  if runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$out/pg-init.log" 2>&1 \
     && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/sock/pg.log" -w \
          -o "-p $pg_port -k $pg_dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >"$out/pg-start.log" 2>&1; then
    export PLANNACC_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    export PLANNACC_TEST_PG_CTL="$pg_bin/pg_ctl"
    export PLANNACC_TEST_PG_DATA="$pg_dir/data"
    log "PostgreSQL on 127.0.0.1:$pg_port"
  else
    log "PostgreSQL did not start; see $out/pg-init.log and $out/pg-start.log"
  fi
else
  log "no PostgreSQL server binaries; PostgreSQL tests will be skipped outside CI and fail in CI"
fi

# --- build and test -------------------------------------------------------------------------------------
export PLANNACC_SHARED="${PLANNACC_SHARED:-$root/../shared}"
log "building"
if ! dotnet build PlanNacc.sln -c Release -nologo -clp:ErrorsOnly >"$out/build.log" 2>&1; then
  grep -E "error" "$out/build.log" | sort -u | head -30 >&2
  log "build failed; full log in $out/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi
status=0
run_tests() {
  local proj="$1" name
  name="$(basename "$proj" .csproj)"
  log "running $name"
  # A test stuck for five minutes (none waits that long on a condition) ends its test host with the test's name in the
  # log, instead of holding CI until its own timeout.
  dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 5m --blame-hang-dump-type none \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$out/results" >"$out/$name.log" 2>&1
  echo $? >"$out/$name.rc"
}
# Web.Tests takes most of the time and mostly waits (processes, polling, politeness delays): it runs in the background while
# the other projects run one after another beside it. The projects share no database (only Web.Tests uses PostgreSQL).
longest=tests/Web.Tests/PlanNacc.Web.Tests.csproj
run_tests "$longest" &
longest_pid=$!
for proj in tests/*/*.Tests.csproj; do
  [ "$proj" = "$longest" ] || run_tests "$proj"
done
wait "$longest_pid"
for proj in tests/*/*.Tests.csproj; do
  name="$(basename "$proj" .csproj)"
  [ "$(cat "$out/$name.rc" 2>/dev/null || echo 1)" = 0 ] || status=1
  grep -E "^\s+(Failed|Skipped) |Passed!|Failed!|error" "$out/$name.log" | head -40 >&2 || true
done

# --- the closing line, from the TRX counters -------------------------------------------------------------
passed=0; failed=0; skipped=0; files=0
for trx in "$out"/results/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # The counters have no skipped field (a skipped test counts in total and executed only): count the outcomes.
  skipped=$((skipped + $(grep -o 'outcome="NotExecuted"' "$trx" | wc -l)))
done
expected=$(ls tests/*/*.Tests.csproj | wc -l)
if [ "$files" -lt "$expected" ]; then
  log "only $files of $expected test projects produced results (a test host crashed?)"
  failed=$((failed + expected - files))
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
