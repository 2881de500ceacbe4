#!/usr/bin/env bash
# Start-up and memory of the kiosk against a bare iced window, measured side by side in one run.
#
#   benches/startup.sh [RUNS]      (default 6 launches of each, alternating)
#
# Launches, in turn: the kiosk on an existing data dir, the bare window (examples/bare_window.rs),
# and the kiosk on a brand-new data dir (the very first start). examples/first_pixels.rs times each
# from launch to the first non-black pixels of its window and reads its PSS five seconds after
# launch. Prints every run, then the medians and the ratios kiosk / bare window.
# Needs Xvfb and matchbox-window-manager when no display is set (they are started on :91).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-6}"

cargo build --release --quiet --bin bianmin --example bare_window --example first_pixels
bin="${CARGO_TARGET_DIR:-target}/release"
probe="$bin/examples/first_pixels"

work="$(mktemp -d)"
cleanup() {
  [ -n "${wm_pid:-}" ] && kill "$wm_pid" 2>/dev/null || true
  [ -n "${x_pid:-}" ] && kill "$x_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :91 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  x_pid=$!
  export DISPLAY=:91
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  matchbox-window-manager -use_titlebar no >/dev/null 2>&1 &
  wm_pid=$!
  sleep 0.5
fi

# The existing data dir: made by one start that is not counted.
existing="$work/existing"
"$bin/bianmin" --data-dir "$existing" --exit-after-first-frame >/dev/null

measure() { # label command…
  local label="$1"
  shift
  local line
  line="$("$probe" -- "$@")"
  echo "$label $line"
  echo "$label $line" >>"$work/results"
  sleep 0.3
}

for i in $(seq "$runs"); do
  measure kiosk "$bin/bianmin" --data-dir "$existing"
  measure bare "$bin/examples/bare_window"
  measure first-start "$bin/bianmin" --data-dir "$work/fresh-$i"
done

python3 - "$work/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, *fields = line.split()
    values = dict(field.split("=") for field in fields)
    rows.setdefault(label, []).append((float(values["first_pixels_ms"]), int(values["pss_kb"])))
median = lambda values: statistics.median(values)
bare_ms = median([ms for ms, _ in rows["bare"]])
print()
print(f"{'':12} {'first pixels ms (median, min-max)':34} {'PSS MB at 5 s (median)':22} ratio to bare")
for label in ("kiosk", "first-start", "bare"):
    ms = [m for m, _ in rows[label]]
    pss = [p / 1024 for _, p in rows[label]]
    ratio = median(ms) / bare_ms
    print(f"{label:12} {median(ms):7.1f} ({min(ms):.1f}-{max(ms):.1f}){'':15} {median(pss):6.1f}{'':16} {ratio:.2f}")
PY
