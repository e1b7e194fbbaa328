#!/usr/bin/env bash
# Install the Debian packages planwatch's browser tests and bulletin previews use, if missing.
# chromium: Playwright drives it in the e2e tests (playwright's own browser download does not work offline).
# libreoffice-writer-nogui + poppler-utils: DOCX -> PDF -> PNG previews of the bulletin.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${need[*]}; not root or no apt-get, so the tests that need them will skip." >&2
  exit 0
fi
echo "system-deps: installing ${need[*]} (once)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
