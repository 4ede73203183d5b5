#!/usr/bin/env bash
# Backs up PlanNacc: the database (pg_dump custom format, or the SQLite files copied online with .backup) and the
# evidence folder (hard-linked snapshot with rsync, so unchanged blobs cost no space). Keeps the last $KEEP backups.
# Usage: plannacc-backup.sh DEST_DIR     (settings from the same environment as the service: PLANNACC_*)
set -euo pipefail
# shellcheck source=pg-env.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/pg-env.sh"
dest="${1:?usage: plannacc-backup.sh DEST_DIR}"
keep="${KEEP:-14}"
data="${PLANNACC_DATA:-/var/lib/plannacc}"
evidence="${PLANNACC_EVIDENCE:-$data/evidence}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$dest/$stamp"
mkdir -p "$target"

if [ "${PLANNACC_DB:-sqlite}" = "postgres" ]; then
  pg_env_from_connection
  pg_dump --format=custom --no-owner --file="$target/plannacc.pgdump"
else
  for db in plannacc.db hangfire.db; do
    [ -f "$data/$db" ] && sqlite3 "$data/$db" ".backup '$target/$db'"
  done
fi

latest="$dest/latest"
if [ -d "$evidence" ]; then
  if [ -d "$latest/evidence" ]; then
    rsync -a --delete --link-dest="$(readlink -f "$latest")/evidence" "$evidence/" "$target/evidence/"
  else
    rsync -a "$evidence/" "$target/evidence/"
  fi
fi
[ -d "$data/keys" ] && cp -a "$data/keys" "$target/keys"
ln -sfn "$target" "$latest"
ls -1d "$dest"/2*/ 2>/dev/null | sort | head -n -"$keep" | xargs -r rm -rf
echo "plannacc backup: $target"
