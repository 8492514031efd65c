#!/usr/bin/env bash
# The test command of the README: installs test dependencies, runs every test project of the
# solution, and ends with one line `N passed, N failed` summed over all test assemblies.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || exit 1

log=$(mktemp)
dotnet test ActorWarehouse.sln -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
summary=$(grep -E '^(Passed|Failed)! +- Failed:' "$log")
passed=$(echo "$summary" | grep -oE 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(echo "$summary" | grep -oE 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
skipped=$(echo "$summary" | grep -oE 'Skipped: +[0-9]+' | awk '{s+=$2} END {print s+0}')
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report: count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
