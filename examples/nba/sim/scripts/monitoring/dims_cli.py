#!/bin/sh
# STAND-IN for the NBA simulator's monitoring/dims_cli.py (POSIX sh, run as ${PYTHON:-sh} monitoring/dims_cli.py).
# Real one: the DIMS metrics CLI (update --category X | set KEY VALUE | verify) over inventory/metrics.yaml.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -ge 1 ] || usage_error "the following arguments are required: command"
case $1 in
  update) [ "${2:-}" = --category ] && [ -n "${3:-}" ] || usage_error "update needs --category CATEGORY" ;;
  set) [ $# -eq 3 ] || usage_error "set needs KEY VALUE" ;;
  verify) ;;
  *) usage_error "argument command: invalid choice: '$1'" ;;
esac
standin_begin dims "$*"
echo "$(date '+%Y-%m-%dT%H:%M:%S') $*" >> "$SIM_OUT/metrics.log"
log "DIMS $1 done"
