#!/usr/bin/env python3
"""The markdown table of bench/results/zoo.md from a `latent zoo` folder: one row per family, the
timings from zoo.json and the headline figures from each family's evaluation.json (test subset).
Usage: /usr/bin/python3 bench/zoo_table.py <zoo-folder>"""
import json, os, sys

COLUMNS = ["reconstruction.squared_error", "iwae.log_likelihood", "elbo", "mmd.mmd2", "frechet.distance",
           "classes.covered", "probe.accuracy", "knn.accuracy"]

def figures(folder):
    path = os.path.join(folder, "evaluation.json")
    if not os.path.exists(path):
        return {}
    found = {}
    for entry in json.load(open(path))["entries"]:
        if entry.get("split") != "test":
            continue
        for v in entry["values"]:
            text = f"{v['value']:.6g}"
            if v.get("standardError") is not None:
                text += f" ± {v['standardError']:.3g}"
            found[v["metric"]] = text
    return found

def main(root):
    zoo = json.load(open(os.path.join(root, "zoo.json")))
    print("| family | epochs × samples | training s | samples/s | evaluation s | " + " | ".join(COLUMNS) + " |")
    print("| --- " * (5 + len(COLUMNS)) + "|")
    skipped = []
    for f in zoo["families"]:
        if f["status"] != "done":
            skipped.append(f"- {f['family']}: {f['status']} — {f.get('reason') or ''}")
            continue
        got = figures(os.path.join(root, f["folder"]))
        cells = [f["family"], f"{f['epochs']} × {f['trainingSamples']}", f"{f['trainingSeconds']:.1f}",
                 f"{f['samplesPerSecond']:.0f}", f"{f['evaluationSeconds']:.1f}"] + [got.get(c, "—") for c in COLUMNS]
        print("| " + " | ".join(cells) + " |")
    print()
    print("\n".join(skipped))
    print(f"\nwall time of the invocation: {zoo['wallSeconds']:.1f} s; interrupted: {zoo['interrupted']}")

if __name__ == "__main__":
    main(sys.argv[1])
