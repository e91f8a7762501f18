#!/bin/sh
# Starts the standalone server the way the Docker image does: migrations first, then the server as PID 1's child
# replacement (exec), so SIGTERM reaches Node directly. Copied into .next/standalone by prepare.mjs.
# Environment: PORT (3000), HOSTNAME (0.0.0.0 in the image), DATABASE_URL or DATA_DIR, VIMMERSE_API_KEY, ...
set -e
cd "$(dirname "$0")"
node migrate.mjs
exec node server.js
