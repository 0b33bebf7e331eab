#!/usr/bin/env bash
# The aem-client demo: a small Jakarta EE application (examples/quickstart) that injects
#   @Inject @AemClient("author") WebTarget aem;
# runs on Payara Micro and fetches content from AEM; the library obtains and renews the token.
#
# With no configuration, it runs against local stand-ins for Adobe IMS and AEM (started here, with
# freshly generated service credentials). For a real AEM as a Cloud Service environment, set
#   AEM_AUTHOR_URL=https://author-p12345-e67890.adobeaemcloud.com
#   AEM_AUTHOR_CREDENTIALS_FILE=/path/to/service-credentials.json   (or AEM_AUTHOR_TOKEN_FILE=...)
# or, for an OAuth Server-to-Server credential of the Adobe Developer Console,
#   AEM_AUTHOR_CLIENT_ID=... AEM_AUTHOR_CLIENT_SECRET_FILE=/path/to/secret AEM_AUTHOR_SCOPES=openid,AdobeID,...
# AEM_AUTHOR_CLIENT_ID alone (no AEM_AUTHOR_URL) runs the demo in that mode against the stand-ins.
# Optional: AEM_DEMO_PATHS="content/wknd/us/en.json ..." (what to fetch), QUICKSTART_PORT (default 8080),
# AEM_DEMO_ONCE=1 (stop after the calls instead of serving until Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
OUT=target/demo
PAYARA_PID=""
STAND_IN_PID=""
cleanup() {
  for pid in $PAYARA_PID $STAND_IN_PID; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "Building (mvn -B -q -DskipTests package)"
mvn -B -q -Dstyle.color=never -DskipTests package
rm -rf "$OUT"; mkdir -p "$OUT/payara-tmp"

wait_for() { # file pattern seconds pid
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

if [[ -z "${AEM_AUTHOR_URL:-}" ]]; then
  say "Starting local stand-ins for Adobe IMS and AEM (AEM_AUTHOR_URL is not set)"
  java -jar testkit/target/aem-stand-in.jar --out "$OUT" ${AEM_AUTHOR_CLIENT_ID:+--oauth-client-id "$AEM_AUTHOR_CLIENT_ID"} \
    > "$OUT/stand-in.log" 2>&1 &
  STAND_IN_PID=$!
  wait_for "$OUT/stand-in.log" "Stand-ins ready" 30 "$STAND_IN_PID" || { cat "$OUT/stand-in.log" >&2; exit 1; }
  head -7 "$OUT/stand-in.log"
  export AEM_AUTHOR_URL=$(awk '/^AEM stand-in:/ {print $3}' "$OUT/stand-in.log")
  export AEM_AUTHOR_IMS_URL=$(awk '/^IMS stand-in:/ {print $3}' "$OUT/stand-in.log")
  if [[ -n "${AEM_AUTHOR_CLIENT_ID:-}" ]]; then
    # OAuth Server-to-Server: the stand-in issued a secret for this client id; the OpenAPI path needs X-Api-Key.
    export AEM_AUTHOR_CLIENT_SECRET_FILE="$PWD/$OUT/oauth-client-secret"
    export AEM_AUTHOR_SCOPES=$(awk '/^OAuth scopes:/ {print $3}' "$OUT/stand-in.log")
    AEM_DEMO_PATHS=${AEM_DEMO_PATHS:-adobe/folders content/wknd/us/en.json}
  else
    export AEM_AUTHOR_CREDENTIALS_FILE="$PWD/$OUT/service-credentials.json"
  fi
else
  say "Using the AEM environment $AEM_AUTHOR_URL"
fi
echo "AEM_AUTHOR_URL=$AEM_AUTHOR_URL"
if [[ -n "${AEM_AUTHOR_CLIENT_ID:-}" ]]; then
  echo "AEM_AUTHOR_CLIENT_ID=$AEM_AUTHOR_CLIENT_ID AEM_AUTHOR_CLIENT_SECRET_FILE=${AEM_AUTHOR_CLIENT_SECRET_FILE:-} AEM_AUTHOR_SCOPES=${AEM_AUTHOR_SCOPES:-}"
else
  echo "AEM_AUTHOR_CREDENTIALS_FILE=${AEM_AUTHOR_CREDENTIALS_FILE:-}${AEM_AUTHOR_TOKEN_FILE:+ AEM_AUTHOR_TOKEN_FILE=$AEM_AUTHOR_TOKEN_FILE}"
fi

say "Starting examples/quickstart on Payara Micro (the first start takes 20-60 s)"
java -Djava.io.tmpdir="$OUT/payara-tmp" -jar examples/quickstart/target/payara-micro.jar \
  --deploy examples/quickstart/target/quickstart.war --port "${QUICKSTART_PORT:-8080}" --autoBindHttp \
  --nocluster > "$OUT/payara.log" 2>&1 &
PAYARA_PID=$!
if ! wait_for "$OUT/payara.log" "Payara Micro URLs" 300 "$PAYARA_PID"; then
  echo "Payara Micro did not start; its log is $OUT/payara.log:" >&2
  tail -40 "$OUT/payara.log" >&2
  exit 1
fi
if grep -q "Exception while loading the app" "$OUT/payara.log"; then
  echo "The application failed to deploy:" >&2
  grep -o "Exception while loading the app.*" "$OUT/payara.log" | head -3 >&2
  exit 1
fi
PORT=$(grep -o '"Http Port(s)": "[0-9]*' "$OUT/payara.log" | grep -o '[0-9]*$' | head -1)
APP="http://127.0.0.1:$PORT/quickstart"
echo "Running: $APP (log: $OUT/payara.log)"

say "Calling the application, which calls AEM"
status=0
for path in ${AEM_DEMO_PATHS:-content/wknd/us/en.json content/wknd/us/en/adventures.json content/dam/wknd.json}; do
  echo "\$ GET $APP/aem/$path"
  java examples/quickstart/demo/Get.java "$APP/aem/$path" || status=1
done
echo "\$ GET $APP/aem/token"
java examples/quickstart/demo/Get.java "$APP/aem/token" || status=1

if [[ -n "$STAND_IN_PID" ]]; then
  say "What IMS and AEM saw: one token exchange, then every call with the bearer token${AEM_AUTHOR_CLIENT_ID:+ and X-Api-Key}"
  grep -E "^(IMS|AEM)  " "$OUT/stand-in.log" || true
fi

if [[ "${AEM_DEMO_ONCE:-}" == "1" ]]; then
  exit "$status"
fi
say "The application keeps running at $APP/aem/<path>. Stop it with Ctrl-C."
wait "$PAYARA_PID"
