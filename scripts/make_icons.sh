#!/bin/sh
# Rebuild the home-screen icons (static/img/*.png) from the two SVG sources with ImageMagick
# (apt-get install imagemagick). favicon.svg has rounded corners for "any" icons;
# icon-full.svg is full-bleed with the mark inside the safe zone, for maskable and Apple icons.
set -eu
cd "$(dirname "$0")/../static/img"
for size in 192 512; do
  convert -background none -density $((size * 3)) favicon.svg -resize ${size}x${size} -strip PNG32:icon-$size.png
  convert -background none -density $((size * 3)) icon-full.svg -resize ${size}x${size} -strip PNG32:icon-maskable-$size.png
done
convert -background none -density 540 icon-full.svg -resize 180x180 -strip PNG32:apple-touch-icon.png
