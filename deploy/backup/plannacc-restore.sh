#!/usr/bin/env bash
# Restores a backup made by plannacc-backup.sh. Stop the services first:
#   systemctl stop plannacc-serve plannacc-worker
#   plannacc-restore.sh /var/backups/plannacc/20261206T050000Z
#   systemctl start plannacc-serve          (migrations bring an older backup up to the running version)
set -euo pipefail
# shellcheck source=pg-env.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/pg-env.sh"
source_dir="${1:?usage: plannacc-restore.sh BACKUP_DIR}"
data="${PLANNACC_DATA:-/var/lib/plannacc}"
evidence="${PLANNACC_EVIDENCE:-$data/evidence}"

if [ -f "$source_dir/plannacc.pgdump" ]; then
  pg_env_from_connection
  pg_restore --clean --if-exists --no-owner --dbname="$PGDATABASE" "$source_dir/plannacc.pgdump"
else
  for db in plannacc.db hangfire.db; do
    [ -f "$source_dir/$db" ] && cp "$source_dir/$db" "$data/$db" && rm -f "$data/$db-wal" "$data/$db-shm"
  done
fi
if [ -d "$source_dir/evidence" ]; then
  mkdir -p "$evidence"
  rsync -a --delete "$source_dir/evidence/" "$evidence/"
fi
# The key ring: sessions signed before the backup stay valid.
[ -d "$source_dir/keys" ] && rsync -a "$source_dir/keys/" "$data/keys/"
echo "plannacc restore: from $source_dir"
