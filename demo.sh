#!/usr/bin/env bash
# The aem-client demo: builds the project, then obtains a token and calls AEM with the aem-token CLI.
#
# With no configuration it runs against local stand-ins for Adobe IMS and AEM (started here, stopped
# on exit) with freshly generated service credentials. To use a real AEM as a Cloud Service
# environment instead, set:
#   AEM_AUTHOR_URL=https://author-p12345-e67890.adobeaemcloud.com
#   AEM_AUTHOR_CREDENTIALS_FILE=/path/to/service-credentials.json   (or AEM_AUTHOR_TOKEN_FILE=...)
#   AEM_DEMO_PATH=/content.json   (optional: the path to GET)
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
first_chars() { local t; t=$(cat); printf '%s… (%d characters)\n' "${t:0:24}" "${#t}"; }

say "Building (mvn -B -q -DskipTests package)"
mvn -B -q -Dstyle.color=never -DskipTests package

CLI=(java -jar cli/target/aem-token.jar)
DEMO_PATH="${AEM_DEMO_PATH:-/content/wknd/us/en.json}"
STAND_IN_PID=""
cleanup() {
  if [[ -n "$STAND_IN_PID" ]]; then kill "$STAND_IN_PID" 2>/dev/null || true; wait "$STAND_IN_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ -n "${AEM_AUTHOR_URL:-}" ]]; then
  say "Using the real AEM environment $AEM_AUTHOR_URL"
  if [[ -n "${AEM_AUTHOR_CREDENTIALS_FILE:-}" ]]; then
    AUTH=(--credentials "$AEM_AUTHOR_CREDENTIALS_FILE")
  elif [[ -n "${AEM_AUTHOR_TOKEN_FILE:-}" ]]; then
    AUTH=(--token-file "$AEM_AUTHOR_TOKEN_FILE")
  else
    echo "Set AEM_AUTHOR_CREDENTIALS_FILE (service credentials) or AEM_AUTHOR_TOKEN_FILE (local development token)." >&2
    exit 2
  fi
  say "1. Access token"
  "${CLI[@]}" token "${AUTH[@]}" | first_chars
  say "2. Authenticated GET $DEMO_PATH"
  "${CLI[@]}" get "${AUTH[@]}" --url "$AEM_AUTHOR_URL" "$DEMO_PATH"
  echo
  exit 0
fi

say "Starting local stand-ins for Adobe IMS and AEM (no configuration given)"
OUT=target/demo
rm -rf "$OUT"; mkdir -p "$OUT"
java -jar testkit/target/aem-stand-in.jar --out "$OUT" > "$OUT/stand-in.log" 2>&1 &
STAND_IN_PID=$!
for _ in $(seq 1 100); do
  grep -q "Stand-ins ready" "$OUT/stand-in.log" 2>/dev/null && break
  kill -0 "$STAND_IN_PID" 2>/dev/null || { cat "$OUT/stand-in.log" >&2; exit 1; }
  sleep 0.2
done
grep -q "Stand-ins ready" "$OUT/stand-in.log" || { echo "The stand-ins did not start:" >&2; cat "$OUT/stand-in.log" >&2; exit 1; }
cat "$OUT/stand-in.log"
IMS_URL=$(awk '/^IMS stand-in:/ {print $3}' "$OUT/stand-in.log")
AEM_URL=$(awk '/^AEM stand-in:/ {print $3}' "$OUT/stand-in.log")
CREDENTIALS="$OUT/service-credentials.json"
DEV_TOKEN="$OUT/local-development-token.json"

say "1. Server-to-server: service credentials -> signed JWT -> IMS exchange -> access token"
echo "\$ aem-token token --credentials $CREDENTIALS --ims-url $IMS_URL"
"${CLI[@]}" token --credentials "$CREDENTIALS" --ims-url "$IMS_URL" | first_chars

say "2. Authenticated GET $DEMO_PATH with that flow"
echo "\$ aem-token get --credentials $CREDENTIALS --ims-url $IMS_URL --url $AEM_URL $DEMO_PATH"
"${CLI[@]}" get --credentials "$CREDENTIALS" --ims-url "$IMS_URL" --url "$AEM_URL" "$DEMO_PATH"
echo

say "3. Developer flow: a local development token used as is"
echo "\$ aem-token get --token-file $DEV_TOKEN --url $AEM_URL $DEMO_PATH"
"${CLI[@]}" get --token-file "$DEV_TOKEN" --url "$AEM_URL" "$DEMO_PATH"
echo

say "4. What users see when IMS refuses (a wrong client secret)"
sed 's/"clientSecret":"[^"]*"/"clientSecret":"p8e-wrong-secret"/' "$CREDENTIALS" > "$OUT/wrong-secret.json"
chmod 600 "$OUT/wrong-secret.json"
set +e
"${CLI[@]}" token --credentials "$OUT/wrong-secret.json" --ims-url "$IMS_URL"
echo "(exit code $?)"
set -e

say "Done. The same commands work against AEM as a Cloud Service: set AEM_AUTHOR_URL and AEM_AUTHOR_CREDENTIALS_FILE and run ./demo.sh again."
