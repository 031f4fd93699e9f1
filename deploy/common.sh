# Shared by backup.sh and restore.sh: where Accord keeps its data, asked of Accord itself.
#
# Both scripts run with the same environment as the service (see deploy/accord.env.example):
# `set -a; . /etc/accord/accord.env; set +a` first, or `sudo -u accord --preserve-env …`.
# ACCORD_BIN names the `accord` command (default: the one on PATH).

ACCORD_BIN="${ACCORD_BIN:-accord}"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "$(basename "$0"): $*"; }

# Sets DB_ENGINE (sqlite|postgresql), DB_NAME, MEDIA_ROOT, FILE_STORAGE and, for PostgreSQL,
# PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE for pg_dump, pg_restore and psql (the password
# travels in the environment, never on a command line).
read_accord_settings() {
    command -v "$ACCORD_BIN" >/dev/null || die "no '$ACCORD_BIN' command: set ACCORD_BIN=/srv/accord/venv/bin/accord"
    local -a found
    mapfile -t found < <("$ACCORD_BIN" shell --no-imports -c '
from django.conf import settings
db = settings.DATABASES["default"]
engine = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite" if "sqlite" in db["ENGINE"] else db["ENGINE"]
for value in (engine, db["NAME"], settings.MEDIA_ROOT, settings.FILE_STORAGE,
              db.get("HOST") or "", db.get("PORT") or "", db.get("USER") or "", db.get("PASSWORD") or ""):
    print("accord-setting:" + str(value).replace("\n", " "))
' | sed -n 's/^accord-setting://p')
    [ ${#found[@]} -eq 8 ] || die "could not read Accord's settings (is its environment loaded?)"
    DB_ENGINE="${found[0]}" DB_NAME="${found[1]}" MEDIA_ROOT="${found[2]}" FILE_STORAGE="${found[3]}"
    local _host="${found[4]}" _port="${found[5]}" _user="${found[6]}" _password="${found[7]}"
    case "$DB_ENGINE" in
        sqlite) ;;
        postgresql)
            export PGDATABASE="$DB_NAME"
            if [ -n "$_host" ]; then export PGHOST="$_host"; fi
            if [ -n "$_port" ]; then export PGPORT="$_port"; fi
            if [ -n "$_user" ]; then export PGUSER="$_user"; fi
            if [ -n "$_password" ]; then export PGPASSWORD="$_password"; fi
            ;;
        *) die "unsupported database engine $DB_ENGINE" ;;
    esac
}

# Copy a live SQLite database with SQLite's online backup API: consistent while Accord writes
# (WAL included), unlike `cp`.
sqlite_copy() { # SOURCE TARGET
    python3 - "$1" "$2" <<'PY'
import sqlite3, sys
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=60)
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
ok = target.execute("PRAGMA integrity_check").fetchone()[0]
target.close(); source.close()
sys.exit(0 if ok == "ok" else f"integrity check of the copy failed: {ok}")
PY
}

sqlite_tables() { # DATABASE: how many tables it has
    python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from sqlite_master where type = \x27table\x27").fetchone()[0])' "$1"
}
