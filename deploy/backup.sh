#!/usr/bin/env bash
# Back up Accord's database and uploaded files into a new, dated folder.
#
#   deploy/backup.sh /var/backups/accord        # → /var/backups/accord/accord-20260301T020000Z/
#
# Run it as the `accord` user with the service's environment loaded (deploy/common.sh says how).
# The folder holds:
#   database.pgdump   PostgreSQL: `pg_dump --format=custom` (restore with deploy/restore.sh), or
#   database.sqlite3  SQLite: a copy made with SQLite's online backup API, integrity-checked;
#   media.tar.gz      the uploads folder (ACCORD_MEDIA_ROOT), unless files are on S3, whose
#                     bucket is backed up by the store itself (docs/deployment.md, "Backups");
#   MANIFEST          what was backed up, from where, and the SHA-256 of each file.
# The database is copied first, the files second: every file the database names was stored
# before its row was committed, so it is in the archive. The folder appears complete or not at
# all (it is written under a temporary name and renamed). Old backups are yours to prune.
set -euo pipefail
umask 077
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"

[ $# -eq 1 ] || die "usage: $0 BACKUP_FOLDER"
mkdir -p "$1"
destination="$(cd "$1" && pwd)"
read_accord_settings

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$destination/accord-$stamp"
work="$destination/.accord-$stamp.partial"
[ ! -e "$final" ] || die "$final already exists"
trap 'rm -rf "$work"' EXIT
mkdir "$work"

case "$DB_ENGINE" in
    postgresql)
        say "dumping PostgreSQL database $PGDATABASE"
        pg_dump --format=custom --no-owner --no-acl --file="$work/database.pgdump"
        database_file=database.pgdump
        ;;
    sqlite)
        [ -f "$DB_NAME" ] || die "no SQLite database at $DB_NAME"
        say "copying SQLite database $DB_NAME"
        sqlite_copy "$DB_NAME" "$work/database.sqlite3"
        database_file=database.sqlite3
        ;;
esac

if [ "$FILE_STORAGE" = "s3" ]; then
    say "files are on S3: back the bucket up with the store (versioning, replication or a sync)"
    media_line="media: s3 bucket (not in this backup)"
else
    mkdir -p "$MEDIA_ROOT"
    say "archiving uploads in $MEDIA_ROOT"
    tar --create --gzip --file="$work/media.tar.gz" --directory="$MEDIA_ROOT" .
    media_line="media: media.tar.gz from $MEDIA_ROOT"
fi

sums="$(cd "$work" && sha256sum -- *)"
{
    echo "accord backup $stamp"
    echo "database: $DB_ENGINE $database_file"
    echo "$media_line"
    echo "host: $(hostname)"
    echo "sha256:"
    echo "$sums"
} >"$work/MANIFEST"

mv "$work" "$final"
trap - EXIT
say "backup complete: $final"
echo "$final"
