#!/usr/bin/env bash
# Runs every test of the solution: unit, property, cluster (in-process Orleans) and HTTP API tests.
# Installs what the tests need on a fresh Debian machine first. Prints "N passed, N failed[, N skipped]" last.
set -euo pipefail
cd "$(dirname "$0")"

need=()
# Browser tests drive Debian's Chromium; cluster-mode tests start a real Redis.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if ((${#need[@]})); then
  echo "installing ${need[*]} ..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

results="$(pwd)/tests/artifacts/results"
rm -rf "$results"
set +e
dotnet test Analytics.sln -c Release --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@"
status=$?
set -e

# The summary line counts the tests that really ran, from the test results file.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
