#!/usr/bin/env bash
# Installs the system packages Axle's tests need (headless Chromium and its driver for the browser tests, npm for
# the axe-core accessibility checks they inject, and poppler-utils, whose pdftotext, pdfsig and pdffonts read the
# invoice PDFs as a real PDF reader would), and Tesseract 5 with its English, French, German and orientation data
# for the documents' OCR.
# With --runtime, only what Axle itself needs to run (Tesseract and its data), as scripts/run.sh asks.
# Safe to run again: it installs only what is missing.
set -euo pipefail
needed=()
if [ "${1:-}" != "--runtime" ]; then
  command -v chromium >/dev/null 2>&1 || needed+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || needed+=(chromium-driver)
  command -v pdfsig >/dev/null 2>&1 || needed+=(poppler-utils)
  command -v npm >/dev/null 2>&1 || needed+=(nodejs npm)
fi
command -v tesseract >/dev/null 2>&1 || needed+=(tesseract-ocr)
tessdata=/usr/share/tesseract-ocr/5/tessdata
for lang in eng fra deu osd; do
  [ -f "$tessdata/$lang.traineddata" ] || needed+=("tesseract-ocr-$lang")
done
if [ ${#needed[@]} -gt 0 ]; then
  echo "setup: installing ${needed[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi
