#!/usr/bin/env python3
"""Writes a FairFace-layout dataset of N unique JPEGs for memory and throughput measurements at dataset scale.

usage: make_fairface_like.py SOURCE_JPEG_DIR OUT_DIR [N=100000] [SEED=20261125]

Each image is one of the source JPEGs (e.g. the 256 that `clipaudit bench` or the bench-model kit writes) with a JPEG
comment segment carrying its index inserted after SOI: every file has its own SHA-256, so ClipAudit's cache really
decodes and encodes each one, at the same cost as its source. Labels (age, gender, race, service_test) are drawn from a
seeded generator. The copies are not independent samples: use the dataset for speed and memory, not for statistics.
Python standard library only.
"""
import os
import random
import struct
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261125
    names = sorted(f for f in os.listdir(source) if f.lower().endswith((".jpg", ".jpeg")))
    if not names:
        sys.exit(f"{source}: no .jpg files; write some with `clipaudit bench --count 256` or the bench-model kit")
    bases = [open(os.path.join(source, f), "rb").read() for f in names]
    for name, data in zip(names, bases):
        if data[:2] != b"\xff\xd8":
            sys.exit(f"{os.path.join(source, name)}: not a JPEG (no SOI marker)")
    images = os.path.join(out, "fairface-img-margin025-trainval", "val")
    os.makedirs(images, exist_ok=True)
    rng = random.Random(seed)
    races = ["White", "Black", "Latino_Hispanic", "East Asian", "Southeast Asian", "Indian", "Middle Eastern"]
    ages = ["0-2", "3-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "more than 70"]
    with open(os.path.join(out, "fairface_label_val.csv"), "w") as labels:
        labels.write("file,age,gender,race,service_test\n")
        for i in range(1, count + 1):
            data = bases[i % len(bases)]
            payload = b"clipaudit-bench-%06d" % i
            comment = b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload
            with open(os.path.join(images, f"{i}.jpg"), "wb") as f:
                f.write(data[:2] + comment + data[2:])
            labels.write("val/%d.jpg,%s,%s,%s,%s\n" % (
                i, rng.choice(ages), rng.choice(["Male", "Female"]), rng.choice(races), rng.choice(["True", "False"])))
    with open(os.path.join(out, "fairface_label_train.csv"), "w") as labels:
        labels.write("file,age,gender,race,service_test\n")
    print(f"wrote {count} images and fairface_label_val.csv to {out}")


if __name__ == "__main__":
    main()
