#!/usr/bin/env bash
# The project's whole test suite: lint, typecheck, unit + data layer, production build, e2e in Chromium.
# Data-layer tests also run against PostgreSQL when TEST_DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }

step "lint"
npm run --silent lint
step "typecheck"
npm run --silent typecheck
step "unit and data-layer tests"
npx vitest run
step "build"
npx next build
step "e2e (Chromium)"
npx playwright test

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "e2e on PostgreSQL (editor flows; both app instances share one database)"
  npx tsx scripts/with-test-database.ts -- npx playwright test e2e/storyboard.spec.ts
fi
