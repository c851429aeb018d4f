#!/usr/bin/env bash
# Installs dependencies when they are missing or older than the lockfile. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "› Installing dependencies (npm ci; better-sqlite3 compiles from source, ~90 s the first time)"
	npm ci --no-audit --no-fund
else
	echo "› Dependencies are up to date"
fi
