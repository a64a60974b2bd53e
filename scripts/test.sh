#!/usr/bin/env bash
# The whole test command: every test on SQLite and PostgreSQL, the type-check and lint beside them, and the
# browser tests. scripts/run-tests.ts runs them all and prints one summary line at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== assets"
npm run build:assets --silent

bash scripts/ensure-chromium.sh
bash scripts/ensure-xmllint.sh

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then bash scripts/pg-cluster.sh stop "$pg_dir"; fi
}
trap cleanup EXIT

if [ -z "${DATABASE_URL_TEST:-}" ]; then
  pg_dir=$(mktemp -d /tmp/ogp-test-pg.XXXXXX)
  echo "== starting a throwaway PostgreSQL cluster in $pg_dir"
  DATABASE_URL_TEST=$(bash scripts/pg-cluster.sh start "$pg_dir")
  export DATABASE_URL_TEST
fi

npx tsx scripts/run-tests.ts --checks
