#!/usr/bin/env bash
# Runs every test against real servers: starts the local RabbitMQ and PostgreSQL the way ./run.sh does (installing
# them when missing; needs root or sudo for that), builds, runs all test projects, and ends with "N passed, N failed".
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~EndToEnd".
set -uo pipefail
cd "$(dirname "$0")"

export MASSTRANSIT_USAGE_TELEMETRY=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1
results="artifacts/test-results"
rm -rf "$results"

summary() { # passed failed
  printf '%s passed, %s failed\n' "$1" "$2"
}

if [ "${TEST_USE_CONTAINERS:-}" != "true" ]; then
  if ! ./scripts/local-servers.sh; then
    echo "Could not start RabbitMQ and PostgreSQL (see above)." >&2
    summary 0 1
    exit 1
  fi
fi

if ! dotnet build HubSpotCrm.slnx -c Debug -v quiet -nologo; then
  echo "The build failed." >&2
  summary 0 1
  exit 1
fi

# The end-to-end tests stop and start the shared RabbitMQ and PostgreSQL (the outage tests), and a few unit tests talk to
# that RabbitMQ: the unit test projects run first, side by side, and the end-to-end project after them.
unit_filter=HubSpotCrm.UnitTests.slnf
for project in tests/*/*.Tests.csproj; do
  if [ "$project" != tests/EndToEnd.Tests/EndToEnd.Tests.csproj ] && ! grep -q "\"$project\"" "$unit_filter"; then
    echo "$project is not in $unit_filter: add it there, or its tests do not run." >&2
    summary 0 1
    exit 1
  fi
done
dotnet test "$unit_filter" -c Debug --no-build --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
dotnet test tests/EndToEnd.Tests/EndToEnd.Tests.csproj -c Debug --no-build --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
e2e_status=$?
[ "$status" -eq 0 ] && status=$e2e_status

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status although no test failed: a test host crashed or a test project did not run." >&2
  failed=1
fi
summary "$passed" "$failed"
exit "$status"
