#!/usr/bin/env bash
# The plugin as a user gets it: packed by npm (a clean build, then the tarball), installed from that tarball (not a
# workspace link) into a fresh copy of the dev app, whose own tests then run there: REST, GraphQL, the jobs queue,
# serial and uuid ids, and the admin panel resolving payload-plugin-more-on/client#MoreOnPanel.
set -euo pipefail
package_dir=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Run as root, embedded Postgres runs its binaries (inside the app's node_modules) as a user of its own.
chmod 755 "$work"

(cd "$package_dir" && npm pack --pack-destination "$work" --silent >/dev/null)
tarball=$(ls "$work"/payload-plugin-more-on-*.tgz)
echo "packed $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KB)"

mkdir "$work/app"
(cd "$package_dir/dev" && tar --exclude=node_modules --exclude=.next -cf - .) | tar -xf - -C "$work/app"
cd "$work/app"
node -e '
  const fs = require("node:fs")
  const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"))
  manifest.dependencies["payload-plugin-more-on"] = `file:${process.argv[1]}`
  fs.writeFileSync("package.json", JSON.stringify(manifest, null, 2))
' "$tarball"
npm install --no-audit --no-fund --loglevel=error
test ! -L node_modules/payload-plugin-more-on || { echo "payload-plugin-more-on is a link, not the packed package" >&2; exit 1; }

# The import map a fresh project generates names the panel by package path, and is the one committed.
cp "src/app/(payload)/admin/importMap.js" "$work/importMap.committed.js"
npm run --silent generate:importmap >/dev/null
diff -u "$work/importMap.committed.js" "src/app/(payload)/admin/importMap.js"

npm test
