#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh onto an EMPTY database and an empty uploads folder.
#
#   deploy/restore.sh /var/backups/accord/accord-20260301T020000Z
#
# Run it as the `accord` user with the service's environment loaded, with Accord's web servers
# and workers stopped. It never overwrites: it refuses a database that has tables in it (create
# an empty one first: docs/deployment.md, "Restore") and an uploads folder with files in it.
#   1. checks the backup's files against the SHA-256 sums in its MANIFEST;
#   2. PostgreSQL: `pg_restore --single-transaction --exit-on-error` into the empty database
#      (all or nothing); SQLite: copies the database into place with SQLite's backup API;
#   3. unpacks media.tar.gz into ACCORD_MEDIA_ROOT (with files on S3 there is none to unpack);
#   4. runs `accord migrate` (a backup from an older Accord is brought up to date) and
#      `accord audit verify`, which recomputes the event log's hash chain and fails loudly
#      if the restored history is not exactly what was recorded.
set -euo pipefail
umask 077
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"

[ $# -eq 1 ] || die "usage: $0 BACKUP_FOLDER"
backup="$(cd "$1" && pwd)"
[ -f "$backup/MANIFEST" ] || die "$backup has no MANIFEST: not a backup made by backup.sh"
read_accord_settings

say "checking the backup's checksums"
(cd "$backup" && sed -n '/^sha256:$/,$p' MANIFEST | tail -n +2 | sha256sum --check --quiet) \
    || die "the backup's files do not match their checksums"

# Every refusal comes before anything is written: a restore never stops half-done.
if [ -f "$backup/media.tar.gz" ]; then
    [ "$FILE_STORAGE" != "s3" ] || die "this backup holds files on disk, but Accord is set to S3: copy them into the bucket by hand"
    if [ -d "$MEDIA_ROOT" ] && [ -n "$(find "$MEDIA_ROOT" -mindepth 1 -print -quit)" ]; then
        die "$MEDIA_ROOT is not empty: move its files away first"
    fi
fi

case "$DB_ENGINE" in
    postgresql)
        [ -f "$backup/database.pgdump" ] || die "the backup holds no PostgreSQL dump (it is $(sed -n 2p "$backup/MANIFEST"))"
        tables="$(psql --no-psqlrc --tuples-only --no-align --quiet --command \
            "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")" \
            || die "cannot connect to the PostgreSQL database $PGDATABASE (create it first)"
        [ "$tables" = "0" ] || die "the database $PGDATABASE is not empty ($tables tables): restore into a new, empty database"
        say "restoring PostgreSQL database $PGDATABASE"
        pg_restore --no-owner --no-acl --single-transaction --exit-on-error \
            --dbname="$PGDATABASE" "$backup/database.pgdump"
        ;;
    sqlite)
        [ -f "$backup/database.sqlite3" ] || die "the backup holds no SQLite database (it is $(sed -n 2p "$backup/MANIFEST"))"
        if [ -s "$DB_NAME" ] && [ "$(sqlite_tables "$DB_NAME")" != "0" ]; then
            die "$DB_NAME is not empty: move it away first (and its -wal and -shm files)"
        fi
        rm -f "$DB_NAME" "$DB_NAME-wal" "$DB_NAME-shm"
        mkdir -p "$(dirname "$DB_NAME")"
        say "restoring SQLite database $DB_NAME"
        sqlite_copy "$backup/database.sqlite3" "$DB_NAME.restoring"
        mv "$DB_NAME.restoring" "$DB_NAME"
        ;;
esac

if [ -f "$backup/media.tar.gz" ]; then
    mkdir -p "$MEDIA_ROOT"
    say "unpacking uploads into $MEDIA_ROOT"
    tar --extract --gzip --file="$backup/media.tar.gz" --directory="$MEDIA_ROOT" --no-same-owner
else
    say "no uploads in this backup (files on S3): restore the bucket with the store's own tools"
fi

"$ACCORD_BIN" migrate --noinput
"$ACCORD_BIN" audit verify
say "restore complete from $backup"
