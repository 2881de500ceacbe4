#!/usr/bin/env bash
# Makes the cups-pdf virtual printer `bianmin-test-pdf` that tests/print_cli.rs prints through:
# installs CUPS and cups-pdf (Debian) when missing, starts the scheduler when it is not running,
# and adds the queue. Run as root; safe to run again.
set -euo pipefail

if ! command -v lpadmin >/dev/null || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    cups cups-client cups-bsd printer-driver-cups-pdf >/dev/null
fi

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  # No init system in a container: start the scheduler ourselves.
  cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.2
  done
fi

if ! lpstat -p bianmin-test-pdf >/dev/null 2>&1; then
  lpadmin -p bianmin-test-pdf -E -v cups-pdf:/ \
    -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
fi
lpstat -p bianmin-test-pdf
