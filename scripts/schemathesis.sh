#!/bin/sh
# Fuzz the REST API with schemathesis against its live OpenAPI schema.
#
# Starts pytest-django's live server with the demo company (seed_demo), gives
# the demo admin and a project manager a token, and runs schemathesis 4 (the
# coverage and fuzzing phases, check `not_a_server_error`) as each of them.
# Passes when no request got a 5xx. Case counts are printed and the CLI output
# and JUnit reports are kept under artifacts/schemathesis/.
#
#   scripts/schemathesis.sh                            # ~3 minutes
#   SCHEMATHESIS_MAX_TIME=300 scripts/schemathesis.sh  # longer fuzzing per user
set -eu
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest -q -s -p no:cacheprovider \
  tests/api/test_schemathesis.py "$@"
