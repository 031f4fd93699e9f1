#!/usr/bin/env bash
# Prove that a backup restores: build the demo agency, back it up, wipe the database and the
# files, restore onto an EMPTY database, and check that the audit chain verifies with the same
# head and that the files are back and download through Accord's access-checked views.
#
#   deploy/test-backup-restore.sh sqlite              # in a temporary var folder
#   deploy/test-backup-restore.sh postgres            # in a scratch database, accord_restore_test
#   deploy/test-backup-restore.sh sqlite postgres     # both (the default)
#
# PostgreSQL: RESTORE_TEST_SERVER (default postgres://postgres@127.0.0.1:5432) is a server where
# that user may create and drop databases; RESTORE_TEST_DATABASE names the scratch database
# (default accord_restore_test), dropped and made again on every run. Nothing else is touched:
# everything lives in a temporary folder that is removed at the end (KEEP=1 keeps it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export ACCORD_BIN="${ACCORD_BIN:-$repo/.venv/bin/accord}"
[ -x "$ACCORD_BIN" ] || ACCORD_BIN="$(command -v accord)" || { echo "no accord command" >&2; exit 1; }
server="${RESTORE_TEST_SERVER:-postgres://postgres@127.0.0.1:5432}"
scratch="${RESTORE_TEST_DATABASE:-accord_restore_test}"
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(sqlite postgres)

step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

# The facts a restore must bring back: the chain's length and head, and each stored file's hash.
facts() {
    "$ACCORD_BIN" shell --no-imports -c '
from accord.core.models import Event
head = Event.objects.order_by("-id").values_list("id", "hash").first()
print("events", Event.objects.count(), "head", head)
'
    (cd "$ACCORD_MEDIA_ROOT" && find . -type f -print0 | sort -z | xargs -0r sha256sum)
}

# A logo and (when the demo has them) an attachment, fetched through the real views by people who
# may see them, compared byte for byte with the stored files; someone who may not gets a 404.
downloads() {
    "$ACCORD_BIN" shell --no-imports -c '
import sys
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from accord.accounts.models import User
from accord.clients.models import BrandProfile
from accord.intake.models import Attachment

# Static files are not collected here; a refusal page links them.
PLAIN_STATIC = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

def fetch(email, address):
    http = Client(HTTP_HOST="accord.example.com")
    http.force_login(User.objects.get(email=email))
    with override_settings(STORAGES=PLAIN_STATIC):
        response = http.get(address, secure=True)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body

brand = BrandProfile.objects.exclude(logo_display="").select_related("client").order_by("client__name").first()
if brand is None:
    sys.exit("no logo in the demo")
am = brand.client.account_manager.email
status, body = fetch(am, reverse("clients:logo", args=[brand.client_id]))
with brand.logo_display.open("rb") as stored:
    assert status == 200 and body == stored.read(), f"logo of {brand.client}: {status}"
outsider = "max@northwind.test" if am != "max@northwind.test" else "alice@northwind.test"
assert fetch(outsider, reverse("clients:logo", args=[brand.client_id]))[0] == 404
print(f"logo of {brand.client} downloads ({len(body)} bytes); refused to {outsider}")
attachment = Attachment.objects.select_related("request__client__account_manager").first()
if attachment is not None:
    reader = attachment.request.client.account_manager.email
    status, body = fetch(reader, reverse("intake:attachment", args=[attachment.pk]))
    with attachment.file.open("rb") as stored:
        assert status == 200 and body == stored.read(), f"attachment {attachment.pk}: {status}"
    print(f"attachment {attachment.original_name} downloads ({len(body)} bytes)")
'
}

run_one() {
    local engine="$1" tmp
    tmp="$(mktemp -d)"
    if [ "${KEEP:-0}" != 1 ]; then trap "rm -rf '$tmp'" RETURN; fi
    export ACCORD_SECRET_KEY="restore-test-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
    export ACCORD_DEBUG=False ACCORD_ALLOWED_HOSTS=accord.example.com ACCORD_LOG_LEVEL=ERROR
    export ACCORD_VAR_DIR="$tmp/var" ACCORD_MEDIA_ROOT="$tmp/var/media"
    export ACCORD_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
    unset ACCORD_STORAGE
    export ACCORD_ENV_FILE=""  # no local settings file: only what this script sets
    case "$engine" in
        sqlite) export DATABASE_URL="sqlite:///$tmp/var/accord.sqlite3" ;;
        postgres)
            export DATABASE_URL="$server/$scratch"
            psql --no-psqlrc --quiet -d "$server/postgres" -c "DROP DATABASE IF EXISTS $scratch" \
                -c "CREATE DATABASE $scratch" >/dev/null
            ;;
        *) fail "unknown engine $engine (sqlite or postgres)" ;;
    esac

    mkdir -p "$tmp/var/static"
    step "$engine: building the demo agency in $tmp"
    "$ACCORD_BIN" migrate --noinput >/dev/null
    "$ACCORD_BIN" demo --yes-create-demo-accounts >/dev/null
    "$ACCORD_BIN" audit verify
    facts >"$tmp/before"
    downloads >/dev/null

    step "$engine: backing up"
    "$here/backup.sh" "$tmp/backups"
    backup="$(ls -d "$tmp"/backups/accord-*)"
    cat "$backup/MANIFEST"

    step "$engine: wiping the database and the files"
    case "$engine" in
        sqlite) rm -f "$tmp/var/accord.sqlite3" "$tmp/var/accord.sqlite3-wal" "$tmp/var/accord.sqlite3-shm" ;;
        postgres)
            psql --no-psqlrc --quiet -d "$server/postgres" -c "DROP DATABASE $scratch" \
                -c "CREATE DATABASE $scratch" >/dev/null
            ;;
    esac
    rm -rf "$ACCORD_MEDIA_ROOT"

    step "$engine: restoring onto the empty database"
    "$here/restore.sh" "$backup"

    step "$engine: checking what came back"
    facts >"$tmp/after"
    diff -u "$tmp/before" "$tmp/after" || fail "$engine: the restored chain or files differ"
    echo "$(head -1 "$tmp/after"); $(($(wc -l <"$tmp/after") - 1)) files identical"
    downloads

    step "$engine: a restore never overwrites"
    if "$here/restore.sh" "$backup" >"$tmp/again" 2>&1; then fail "$engine: restored over live data"; fi
    grep -q "not empty" "$tmp/again" || { cat "$tmp/again"; fail "$engine: refused for the wrong reason"; }

    if [ "$engine" = postgres ]; then
        psql --no-psqlrc --quiet -d "$server/postgres" -c "DROP DATABASE $scratch" >/dev/null
    fi
    echo "OK: $engine backup restored with the chain intact"
}

for engine in "${engines[@]}"; do
    run_one "$engine"
done
