#!/usr/bin/env bash
# npm run demo: install if needed, build, create/migrate the database, seed the demo company if it is
# empty, then serve on $PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "› Building"
npm run --silent build
echo "› Preparing ${DATABASE_PATH:-data/ascent.db}"
npx tsx scripts/db-seed.ts
echo "› Serving Ascent on http://localhost:${PORT:-3000} (demo logins: see README)"
exec npm run --silent start
