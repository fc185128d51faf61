#!/bin/sh
# Demo mode: with no HubSpot credentials configured, the Worker talks to the bundled HubSpot emulator, so the service
# can be tried without a HubSpot account. With credentials, HubSpot:BaseUrl defaults to https://api.hubapi.com.
set -eu
if [ -z "${HubSpot__ClientId:-}" ] && [ -z "${HubSpot__PrivateAppToken:-}" ]; then
  export HubSpot__BaseUrl="${DEMO_HUBSPOT_URL:-http://emulator:8080}"
  export HubSpot__AuthMode=OAuth
  export HubSpot__ClientId=demo-client-id
  export HubSpot__ClientSecret=demo-client-secret
  export HubSpot__RefreshToken=demo-refresh-token
  echo "No HubSpot credentials set: demo mode, HubSpot emulator at ${HubSpot__BaseUrl}" >&2
fi
exec dotnet /app/HubSpotCrm.Worker.dll "$@"
