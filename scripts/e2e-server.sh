#!/usr/bin/env bash
# The server the end-to-end tests drive: the built app on a freshly reset demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f server-build/index.js ] || [ ! -f build/server/index.js ]; then npm run --silent build; fi
npx tsx scripts/db-reset.ts
exec node server-build/index.js
