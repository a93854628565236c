#!/usr/bin/env bash
# Thread scaling on a many-core machine (issue 20's table), with no build there.
#
#   scripts/device_scaling.sh pack DIR   here: copies build/release/tongchou (stripped), the shared libraries it
#                                        loads (ldd) and this script into DIR
#   DIR/device_scaling.sh [CSV]          there: runs the table with /usr/bin/time and writes CSV (default
#                                        ./scaling.csv; also printed)
#
# The table: uncontrolled 1 M and 10 M x 200 days at 1/2/4/8/16 threads, chongqing (default scenario) at 1/4/16
# threads (its synthesis time from the run's "time" line), uncontrolled 32 M x 200 days at 16 threads. Every run
# writes its outputs (to a temporary folder, removed after it); the CSV's digest column is a SHA-256 over all of a
# run's files, so the rows of one run at different thread counts must show the same digest (determinism).
#
# Environment: SCALING_SHRINK=1 replaces the sizes by tiny ones (20,000 / 50,000 / 100,000 people, 20 days;
# chongqing --scale 64 --days 10) to test the script itself in seconds; SCALING_THREADS (default "1 2 4 8 16")
# and SCALING_ROWS (default "u1m u10m cq u32m") choose what runs; TONGCHOU names the binary (default: next to this
# script, else build/release/tongchou); SCALING_TMP the folder for run outputs (default: mktemp -d).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "pack" ]; then
  dir=${2:?usage: device_scaling.sh pack DIR}
  bin=${TONGCHOU:-$here/../build/release/tongchou}
  mkdir -p "$dir/lib"
  strip -o "$dir/tongchou" "$bin"
  # Every library the binary loads, but not the loader and the C library's own (those of the device are used).
  ldd "$bin" | awk '/=> \//{print $3}' | while read -r lib; do
    case "$(basename "$lib")" in
      libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|ld-linux*) ;;
      *) cp -L "$lib" "$dir/lib/" ;;
    esac
  done
  cp "$here/device_scaling.sh" "$dir/"
  echo "packed $(du -sh "$dir" | cut -f1) into $dir: run $dir/device_scaling.sh there"
  exit 0
fi

csv=${1:-scaling.csv}
bin=${TONGCHOU:-}
if [ -z "$bin" ]; then
  if [ -x "$here/tongchou" ]; then bin=$here/tongchou; else bin=$here/../build/release/tongchou; fi
fi
[ -d "$(dirname "$bin")/lib" ] && export LD_LIBRARY_PATH="$(dirname "$bin")/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
[ -x /usr/bin/time ] || { echo "device_scaling.sh: /usr/bin/time is missing" >&2; exit 2; }
"$bin" --version >/dev/null || { echo "device_scaling.sh: $bin does not run here (missing libraries?)" >&2; exit 2; }
tmp=${SCALING_TMP:-$(mktemp -d)}
mkdir -p "$tmp"
trap 'rm -rf "$tmp/out" "$tmp/log" "$tmp/time"' EXIT

threads=${SCALING_THREADS:-1 2 4 8 16}
rows=${SCALING_ROWS:-u1m u10m cq u32m}
if [ "${SCALING_SHRINK:-0}" = "1" ]; then
  u1m="uncontrolled --people 20000 --days 20"; u10m="uncontrolled --people 50000 --days 20"
  u32m="uncontrolled --people 100000 --days 20"; cq="chongqing --scale 64 --days 10"
else
  u1m="uncontrolled --people 1000000"; u10m="uncontrolled --people 10000000"
  u32m="uncontrolled --people 32000000"; cq="chongqing"
fi

echo "run,args,threads,exit,wall_s,user_s,sys_s,max_rss_kb,synthesis_s,days_s,outputs_s,digest,cores,load_before" > "$csv"
one() {  # one NAME "ARGS" THREADS
  local name=$1 args=$2 t=$3 rc=0 load
  load=$(cut -d' ' -f1 /proc/loadavg)
  rm -rf "$tmp/out"
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$bin" run $args --threads "$t" -q -o "$tmp/out" > "$tmp/log" 2>&1 || rc=$?
  read -r wall user sys rss < <(tail -1 "$tmp/time")
  local line synth days outs digest=""
  line=$(grep -m1 "time .*synthesis" "$tmp/log" || true)
  synth=$(sed -n 's/.*synthesis \([0-9.]*\) s.*/\1/p' <<<"$line")
  days=$(sed -n 's/.* days \([0-9.]*\) s.*/\1/p' <<<"$line")
  outs=$(sed -n 's/.*outputs \([0-9.]*\) s.*/\1/p' <<<"$line")
  [ -d "$tmp/out" ] && digest=$(cd "$tmp/out" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
  echo "$name,\"$args\",$t,$rc,$wall,$user,$sys,$rss,$synth,$days,$outs,$digest,$(nproc),$load" | tee -a "$csv"
  [ "$rc" = 0 ] || { echo "  $name at $t threads failed (exit $rc):" >&2; tail -5 "$tmp/log" >&2; }
  rm -rf "$tmp/out"
}
for row in $rows; do
  case "$row" in
    u1m) for t in $threads; do one u1m "$u1m" "$t"; done ;;
    u10m) for t in $threads; do one u10m "$u10m" "$t"; done ;;
    cq) for t in $threads; do case " 1 4 16 " in *" $t "*) one cq "$cq" "$t" ;; esac; done ;;
    u32m) one u32m "$u32m" "$(echo "$threads" | awk '{print $NF}')" ;;
    *) echo "device_scaling.sh: unknown row $row (u1m u10m cq u32m)" >&2; exit 2 ;;
  esac
done
echo "wrote $csv"
