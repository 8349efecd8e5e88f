#!/bin/sh
# The objective of tests/agent_test.ts: Branin at (x1, x2) = ($2, $3), as a user's
# program would be, checking what the agent hands it (the same params in the
# arguments, the environment and stdin; no API key). $1 is the mode: ok, crash,
# hang (until killed), barrier DIR N (each trial waits until N trials have
# started), gate FILE (waits until FILE exists).
mode=$1 x1=$2 x2=$3
read -r stdin_params
[ "$MINIMA_PARAM_X1" = "$x1" ] || { echo "MINIMA_PARAM_X1=$MINIMA_PARAM_X1, not $x1" >&2; exit 3; }
[ -n "$MINIMA_TRIAL_ID" ] && [ -n "$MINIMA_STUDY_ID" ] || { echo "no trial/study id" >&2; exit 3; }
[ -z "$MINIMA_API_KEY" ] || { echo "the key leaked into the environment" >&2; exit 3; }
case "$stdin_params" in *"\"x1\":$x1"*) ;; *) echo "stdin: $stdin_params" >&2; exit 3 ;; esac
echo "training at x1=$x1 x2=$x2"
case "$mode" in
  crash) echo "loss is NaN" >&2; echo "Traceback: boom, out of memory at x1=$x1" >&2; exit 1 ;;
  hang) sleep 1000 ;;
  barrier)
    touch "$4/$MINIMA_TRIAL_ID"
    while [ "$(ls "$4" | wc -l)" -lt "$5" ]; do sleep 0.05; done ;;
  gate) while [ ! -e "$4" ]; do sleep 0.05; done ;;
esac
awk -v x1="$x1" -v x2="$x2" 'BEGIN {
  pi = atan2(0, -1); b = 5.1 / (4 * pi * pi); c = 5 / pi; t = 1 / (8 * pi)
  y = (x2 - b * x1 * x1 + c * x1 - 6) ^ 2 + 10 * (1 - t) * cos(x1) + 10
  printf "{\"value\": %.17g}\n", y
}'
