#!/usr/bin/env bash
# Vendor the web page's front-end libraries from the npm registry into
# hadath/subscribers/static/vendor/ (committed: the page needs nothing from the internet at run
# time). Run again only to change a version; the versions are pinned here.
#   leaflet 1.9.4 (BSD-2-Clause)        — the map
#   topojson-client 3.1.0 (ISC)         — TopoJSON → GeoJSON in the page
#   world-atlas 2.0.2 (ISC; data: Natural Earth, public domain) — country outlines, 1:110m
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=hadath/subscribers/static/vendor
LEAFLET=1.9.4
TOPOJSON_CLIENT=3.1.0
WORLD_ATLAS=2.0.2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null 2>&1 \
  && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
       "leaflet@$LEAFLET" "topojson-client@$TOPOJSON_CLIENT" "world-atlas@$WORLD_ATLAS" >/dev/null)
modules="$work/node_modules"

rm -rf "$DEST"
mkdir -p "$DEST/leaflet/images" "$DEST/licenses"
cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$DEST/leaflet/"
cp "$modules/leaflet/dist/images/"*.png "$DEST/leaflet/images/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$DEST/"
cp "$modules/world-atlas/countries-110m.json" "$DEST/"
cp "$modules/leaflet/LICENSE" "$DEST/licenses/leaflet.LICENSE"
cp "$modules/topojson-client/LICENSE" "$DEST/licenses/topojson-client.LICENSE"
cp "$modules/world-atlas/LICENSE" "$DEST/licenses/world-atlas.LICENSE"
cat > "$DEST/VERSIONS" <<TXT
leaflet $LEAFLET (BSD-2-Clause)
topojson-client $TOPOJSON_CLIENT (ISC)
world-atlas $WORLD_ATLAS (ISC; Natural Earth data, public domain)
vendored by scripts/vendor_web_assets.sh
TXT
echo "vendored into $DEST: $(du -sh "$DEST" | cut -f1)"
