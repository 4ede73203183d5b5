# Sourced by plannacc-backup.sh and plannacc-restore.sh: turns the .NET connection string in PLANNACC_CONNECTION into
# libpq environment variables, so neither script puts the password on a command line.
pg_env_from_connection() {
  local parts part key value
  IFS=';' read -ra parts <<< "${PLANNACC_CONNECTION:?PLANNACC_CONNECTION is not set}"
  for part in "${parts[@]}"; do
    key="${part%%=*}"; value="${part#*=}"
    key="${key#"${key%%[![:space:]]*}"}"
    case "${key,,}" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|user\ id|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      database) export PGDATABASE="$value" ;;
    esac
  done
}
