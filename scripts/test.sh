#!/usr/bin/env bash
# The test command of the README: installs test dependencies, builds the solution once, runs every test
# project one after another, and ends with one line `N passed, N failed` summed over all test assemblies.
#
# The assemblies run one at a time, not side by side: the multi-process cluster specs (Actors, Host) start
# real nodes and wait on their heartbeats, and on a 2-core machine sharing the cores with the engine's
# parallel queries stretched those waits past their bounds. Within an assembly xunit still runs classes in
# parallel.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build ActorWarehouse.sln -c Release
status=$?

if [ "$status" -eq 0 ]; then
  for project in tests/ActorWarehouse.*.Tests/*.Tests.csproj; do
    dotnet test "$project" -c Release --no-build --logger "console;verbosity=minimal" 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
fi

# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
summary=$(grep -E '^(Passed|Failed)! +- Failed:' "$log")
passed=$(echo "$summary" | grep -oE 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(echo "$summary" | grep -oE 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
skipped=$(echo "$summary" | grep -oE 'Skipped: +[0-9]+' | awk '{s+=$2} END {print s+0}')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report: count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
