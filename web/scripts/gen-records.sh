#!/usr/bin/env bash
# Regenerate web/src/test/records/*.json: the recorded provider responses in tests/fixtures/ run
# through the real transforms (`ecoboard transform`), wrapped as the API's record envelope.
# The component tests read these files, so they need no Python. Generated: do not edit by hand.
#
#   scripts/gen-records.sh           rewrite the files
#   scripts/gen-records.sh --check   exit 1 if a committed file differs from a fresh run
set -euo pipefail
web="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(dirname "$web")"
eco="${ECOBOARD:-$repo/.venv/bin/ecoboard}"
fixtures="$repo/tests/fixtures"
out="$web/src/test/records"
check=0
if [[ "${1:-}" == "--check" ]]; then check=1; out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out"

# name  kind  provider  now (the instant the fixture was captured)  fixture, or NAME=fixture per request
records=(
  "weather-penza        weather  open-meteo    2023-11-11T11:20:00+00:00  open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json"
  "aqi-berlin           aqi      open-meteo    2024-02-21T15:05:00+00:00  open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json"
  "mlb-2022-04-07       mlb      mlb-statsapi  2022-04-08T01:00:00+00:00  mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json"
  "mlb-2024-04-28       mlb      mlb-statsapi  2024-04-28T20:10:00+00:00  mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
  "mlb-espn-2022-09-17  mlb      espn          2022-09-17T20:30:00+00:00  espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"
  "nfl-2022-week1       nfl      espn          2022-09-11T19:30:00+00:00  espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"
  "sun-moon-oslo        sun_moon met-norway    2022-12-18T06:00:00+00:00  sun=met-norway/sunrise3-sun-oslo-2022-12-18.json moon=met-norway/sunrise3-moon-oslo-2022-12-18.json"
)

# The default configuration (no ecoboard.yaml from the working directory or the environment).
unset ECOBOARD_CONFIG
cd "$web"
for line in "${records[@]}"; do
  read -r name kind provider now files <<<"$line"
  args=()
  for f in $files; do
    if [[ "$f" == *=* ]]; then args+=(--file "${f%%=*}=$fixtures/${f#*=}"); else args+=("$fixtures/$f"); fi
  done
  "$eco" transform "$kind" --provider "$provider" --now "$now" "${args[@]}" \
    | node "$web/scripts/envelope.mjs" "$kind" "$provider" "$now" >"$out/$name.json"
done

if (( check )); then
  diff -r -q -x README.md "$out" "$web/src/test/records" && echo "records up to date"
else
  echo "wrote ${#records[@]} records to $out"
fi
