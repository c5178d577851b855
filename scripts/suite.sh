#!/usr/bin/env bash
# The README's two commands: `bash scripts/suite.sh start` and `bash scripts/suite.sh test`.
# Sets up the machine and the workspace, then runs `pnpm start` or `pnpm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-}
case "$what" in
  start | test) shift ;;
  *)
    echo "usage: bash scripts/suite.sh start|test [args]" >&2
    exit 2
    ;;
esac

bash scripts/setup-system.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
# node-gyp builds native modules against the local Node headers instead of downloading them.
if [ -f /usr/include/node/node.h ] && [ -z "${npm_config_nodedir:-}" ]; then
  export npm_config_nodedir=/usr
fi
pnpm install --frozen-lockfile --prefer-offline >&2
exec pnpm "$what" "$@"
