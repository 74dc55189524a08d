#!/usr/bin/python3
"""Pastes PNG pictures side by side into one (bench/results/aae.md). Usage: aae-side-by-side.py OUT IN1 IN2 ..."""
import sys
from PIL import Image

out, paths = sys.argv[1], sys.argv[2:]
images = [Image.open(p).convert("RGB") for p in paths]
gap = 16
width = sum(i.width for i in images) + gap * (len(images) - 1)
height = max(i.height for i in images)
canvas = Image.new("RGB", (width, height), "white")
x = 0
for image in images:
    canvas.paste(image, (x, 0))
    x += image.width + gap
canvas.save(out)
