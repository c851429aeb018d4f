#!/usr/bin/env bash
# npm test: install if needed, then typecheck, lint, unit + integration tests (vitest), and the
# end-to-end journeys in Debian's Chromium against a freshly reset test database.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

chromium_path="${CHROMIUM_PATH:-}"
if [ -z "$chromium_path" ]; then
	for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
		if [ -x "$candidate" ]; then chromium_path="$candidate"; break; fi
	done
fi
if [ -z "$chromium_path" ] || [ ! -x "$chromium_path" ]; then
	echo "✗ No Chromium found for the end-to-end tests." >&2
	echo "  Install Debian's package:  apt-get update && apt-get install -y chromium" >&2
	echo "  or point CHROMIUM_PATH at a Chromium binary." >&2
	exit 1
fi
export CHROMIUM_PATH="$chromium_path"

# Each step says how long the previous one took, so slow steps are visible in CI logs.
started=$SECONDS
last=""
step() {
	if [ -n "$last" ]; then printf '  (%s: %ss)\n' "$last" "$((SECONDS - started))"; fi
	last="$1"
	started=$SECONDS
	printf '\n› %s\n' "$1"
}
trap 'if [ -n "$last" ]; then printf "  (%s: %ss)\n" "$last" "$((SECONDS - started))"; fi' EXIT

step "Typecheck"
npx tsc --noEmit

step "Lint"
npx eslint --max-warnings=0 .

step "Unit and integration tests"
npx vitest run

step "Build"
npm run --silent build

step "End-to-end tests (Chromium: $CHROMIUM_PATH)"
npx playwright test
