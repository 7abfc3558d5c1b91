#!/usr/bin/env bash
# Runs the reference carrier integration against a running lookup: Kamailio (integrations/kamailio) on loopback
# between a sipp caller and a sipp callee, for a branded, an unbranded (a clean display name, left as it is), an
# impersonating (an unbranded number whose display name claims a protected state name: stripped) and a blocked
# calling number, then (optional)
# a fail-open call with the lookup unreachable and a bounded probe of what branding adds per call.
#
#   LOOKUP_URL=http://127.0.0.1:3001 LOOKUP_KEY=vbr_... \
#   BRANDED=02439437142 LABEL='BO TTTT' NAME='Bộ TT&TT' UNBRANDED=0987000001 BLOCKED=18001234 \
#   [ORIGIN=VIETTEL] [BUDGET_MS=150] [FAIL_OPEN=1] [PROBE_RATE=200 PROBE_SECONDS=5] integrations/sipp/run-cases.sh
#
# Exit 0 when every case passed. Needs kamailio, kamailio-python3-modules and sipp (Debian: sip-tester).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
KAMAILIO_DIR="$HERE/../kamailio"
: "${LOOKUP_URL:?}" "${LOOKUP_KEY:?}" "${BRANDED:?}" "${LABEL:?}" "${NAME:?}" "${UNBRANDED:?}" "${BLOCKED:?}"
ORIGIN="${ORIGIN:-VIETTEL}"
BUDGET_MS="${BUDGET_MS:-150}"
KAMAILIO_PORT="${KAMAILIO_PORT:-15060}"
CALLEE_PORT="${CALLEE_PORT:-15070}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/vbr-sip-XXXXXX")"
KAMAILIO_PID=""
cleanup() {
  [ -n "$KAMAILIO_PID" ] && kill "$KAMAILIO_PID" 2>/dev/null && wait "$KAMAILIO_PID" 2>/dev/null || true
  [ "${KEEP_WORK:-}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

start_kamailio() { # start_kamailio LOOKUP_URL [extra -A defines...]
  local url="$1"
  : >"$WORK/kamailio.log"
  shift
  printf '[lookup]\nurl = %s\napi_key = %s\nbudget_ms = %s\n[peers]\n127.0.0.1 = %s\n' "$url" "$LOOKUP_KEY" "$BUDGET_MS" "$ORIGIN" >"$WORK/vbr.ini"
  VBR_KAMAILIO_INI="$WORK/vbr.ini" kamailio -f "$KAMAILIO_DIR/kamailio.cfg" -DD -E -Y "$WORK" -l "udp:127.0.0.1:$KAMAILIO_PORT" \
    -A "NEXT_HOP=\"sip:127.0.0.1:$CALLEE_PORT\"" -A "VBR_SCRIPT=\"$KAMAILIO_DIR/vbr_branding.py\"" "$@" >>"$WORK/kamailio.log" 2>&1 &
  KAMAILIO_PID=$!
  for _ in $(seq 1 50); do
    # Kamailio lists its sockets once bound; what arrives before its workers run waits in the socket buffer.
    grep -q "\[127.0.0.1\]:$KAMAILIO_PORT" "$WORK/kamailio.log" && return 0
    kill -0 "$KAMAILIO_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "kamailio did not start:" && tail -20 "$WORK/kamailio.log" && exit 1
}
stop_kamailio() {
  kill "$KAMAILIO_PID" && wait "$KAMAILIO_PID" 2>/dev/null || true
  KAMAILIO_PID=""
}

# The branded callee checks for this brand: sipp expands no keyword inside a regexp, so it is written in here,
# escaped for a POSIX regexp and then for XML.
LABEL="$LABEL" NAME="$NAME" perl -pe 'BEGIN {
    sub esc { my $s = shift; $s =~ s/([][.*^\$+?(){}|\\])/\\$1/g; $s =~ s/&/&amp;/g; $s =~ s/</&lt;/g; $s =~ s/>/&gt;/g; $s =~ s/"/&quot;/g; $s }
    $l = esc($ENV{LABEL}); $n = esc($ENV{NAME});
  } s/\@LABEL\@/$l/g; s/\@NAME\@/$n/g' "$HERE/callee-branded.xml.in" >"$WORK/callee-branded.xml"

SIPP_COMMON=(-i 127.0.0.1 -nostdin -timeout 20s -timeout_error -max_recv_loops 10000)

# run_case NAME CALLING_NUMBER CALLER_SCENARIO [CALLEE_SCENARIO] [CALLS RATE]
run_case() {
  local name="$1" number="$2" caller="$3" callee="${4:-}" calls="${5:-1}" rate="${6:-10}" callee_pid=""
  if [ -n "$callee" ]; then
    local file="$HERE/$callee"
    [ -f "$WORK/$callee" ] && file="$WORK/$callee"
    sipp -sf "$file" -p "$CALLEE_PORT" -m "$calls" "${SIPP_COMMON[@]}" \
      -trace_err -error_file "$WORK/$name-callee-errors.log" >"$WORK/$name-callee.log" 2>&1 &
    callee_pid=$!
    sleep 0.2
  fi
  local rc=0
  sipp -sf "$HERE/$caller" "127.0.0.1:$KAMAILIO_PORT" -p 0 -m "$calls" -r "$rate" -l "$((rate * 2))" -key caller "$number" \
    "${SIPP_COMMON[@]}" -trace_rtt -rtt_freq 1 -trace_err -error_file "$WORK/$name-caller-errors.log" >"$WORK/$name-caller.log" 2>&1 || rc=$?
  if [ -n "$callee_pid" ]; then
    wait "$callee_pid" || rc=$((rc == 0 ? 1 : rc))
  fi
  if [ "$rc" -ne 0 ]; then
    echo "FAIL $name ($number)"
    for f in "$WORK/$name"-*errors.log; do [ -s "$f" ] && head -c 3000 "$f"; done
    tail -n 20 "$WORK/kamailio.log"
    return 1
  fi
  echo "ok $name ($number)"
}

# Count, p50, p99 and mean (ms) of the response times in sipp's rtt traces for a case. sipp's clock ticks in
# steps of a few ms (4 ms here), so the percentiles are multiples of that; the mean is finer.
percentiles() {
  cat "$WORK"/"$1"_*_rtt.csv | awk -F';' 'NR > 1 && $2 ~ /^[0-9.]+$/ { print $2 }' | sort -n |
    awk '{ v[NR] = $1; t += $1 } END { if (NR == 0) { print "none"; exit } i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "%d %.3f %.3f %.3f\n", NR, v[i50], v[i99], t / NR }'
}

failed=0
start_kamailio "$LOOKUP_URL"
run_case branded "$BRANDED" caller-answered.xml callee-branded.xml || failed=1
run_case unbranded "$UNBRANDED" caller-answered.xml callee-unbranded.xml || failed=1
# An unbranded number whose display name claims a protected state name: the names go, the warning comes.
run_case impersonation "$UNBRANDED" caller-impersonating.xml callee-stripped.xml || failed=1
run_case blocked "$BLOCKED" caller-declined.xml || failed=1
stop_kamailio

if [ "${FAIL_OPEN:-}" = 1 ]; then
  # Nothing listens on port 9 of loopback: every lookup fails, every call goes on unbranded.
  start_kamailio "http://127.0.0.1:9"
  run_case fail-open "$BRANDED" caller-answered.xml callee-unbranded.xml || failed=1
  grep -q "vbr: lookup of .* failed" "$WORK/kamailio.log" || { echo "FAIL fail-open: not logged" && failed=1; }
  stop_kamailio
  # A lookup that accepts the connection and never answers: the budget runs out, the call goes on unbranded.
  exec 3< <(perl -MIO::Socket::INET -e '$| = 1; my $s = IO::Socket::INET->new(Listen => 5, LocalAddr => "127.0.0.1:0") or die; print $s->sockport, "\n"; sleep 60')
  read -r silent_port <&3
  start_kamailio "http://127.0.0.1:$silent_port"
  run_case over-budget "$BRANDED" caller-answered.xml callee-unbranded.xml || failed=1
  grep -q "vbr: lookup of .* failed (timed out)" "$WORK/kamailio.log" || { echo "FAIL over-budget: not logged" && failed=1; }
  stop_kamailio
  exec 3<&-
fi

if [ "${PROBE_RATE:-0}" -gt 0 ] && [ "$failed" = 0 ]; then
  calls=$((PROBE_RATE * ${PROBE_SECONDS:-5}))
  mkdir -p "$WORK/on" "$WORK/off"
  start_kamailio "$LOOKUP_URL" -A VBR_OFF
  (cd "$WORK/off" && run_case probe-off "$BRANDED" caller-answered.xml callee-any.xml "$calls" "$PROBE_RATE") || failed=1
  stop_kamailio
  start_kamailio "$LOOKUP_URL"
  # The probe's callee accepts branded and unbranded calls alike: a call that fell back (over budget) is counted,
  # not failed, so a loaded machine changes the figures, not the verdict.
  (cd "$WORK/on" && run_case probe-on "$BRANDED" caller-answered.xml callee-any.xml "$calls" "$PROBE_RATE") || failed=1
  fell_back="$(grep -c "vbr: lookup of" "$WORK/kamailio.log" || true)"
  stop_kamailio
  if [ "$failed" = 0 ]; then
    read -r n_off p50_off p99_off mean_off < <(cd "$WORK/off" && WORK=. percentiles caller-answered)
    read -r n_on p50_on p99_on mean_on < <(cd "$WORK/on" && WORK=. percentiles caller-answered)
    awk -v a="$p50_on" -v b="$p50_off" -v c="$p99_on" -v d="$p99_off" -v n="$n_on" -v m="$n_off" -v r="$PROBE_RATE" -v s="${PROBE_SECONDS:-5}" -v f="$fell_back" -v e="$mean_on" -v g="$mean_off" \
      'BEGIN { printf "probe: %d calls/s for %d s; INVITE->200 without branding p50 %.3f ms p99 %.3f ms (%d calls), with branding p50 %.3f ms p99 %.3f ms (%d calls); added p50 %.3f ms p99 %.3f ms mean %.3f ms; %d calls fell back unbranded\n", r, s, b, d, m, a, c, n, a - b, c - d, e - g, f }'
  fi
fi
exit "$failed"
