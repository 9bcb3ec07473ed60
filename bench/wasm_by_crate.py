"""What the app's wasm holds, by crate: `python3 bench/wasm_by_crate.py [module.wasm ...]`.

Reads a module that still has its name section (the `cargo build --release --target wasm32-unknown-unknown`
output in target/, before wasm-bindgen and wasm-opt), lists every function and data segment with
`twiggy top` (crates.io `twiggy`, installed by bench/wasm-bytes.sh), and sums the functions' bytes by the
crate their name starts with (`<T as Trait>::f` counts for the crate of T; generic code instantiated for an
app type counts for the crate that defines the generic function, e.g. yew's component lifecycle). Data
segments, the name section and wasm-bindgen's custom section are listed on their own; the last two are
dropped by wasm-bindgen and wasm-opt, so the shipped file is smaller (its sizes: bench/wasm-bytes.sh).
With two modules, prints them side by side (before, after); a `.json` argument is a saved
`twiggy top -n 1000000 --format json` listing instead of a module.
"""
import collections
import json
import re
import subprocess
import sys


def rows(module):
    if module.endswith(".json"):  # a saved `twiggy top --format json` listing
        return json.load(open(module))
    out = subprocess.run(["twiggy", "top", "-n", "1000000", "--format", "json", module],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def group(name):
    if name.startswith("data segment") or name.startswith('"') or name.startswith("custom section"):
        return name.split(" subsection")[0]
    if name.startswith(("type[", "import ", "export ", "elem[", "table[", "memory[", "global[", "code[")):
        return "(wasm tables, imports, exports)"
    bare = name.lstrip("<&*(").replace("mut ", "").replace("dyn ", "")
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", bare)
    crate = m.group(0) if m else "?"
    return crate if "::" in bare or crate in ("core", "alloc", "std") else "(unnamed: " + crate + ")"


def by_crate(module):
    sums = collections.Counter()
    for r in rows(module):
        sums[group(r["name"])] += r["shallow_size"]
    return sums


def main(modules):
    tables = [by_crate(m) for m in modules]
    keys = sorted(set().union(*tables), key=lambda k: -max(t[k] for t in tables))
    shown = [k for k in keys if max(t[k] for t in tables) >= 2000]
    header = " | ".join(["crate or section"] + [f"bytes ({i + 1})" for i in range(len(modules))])
    print(f"| {header} |")
    print("|" + "---|" + "---:|" * len(modules))
    for k in shown:
        print("| " + k + " | " + " | ".join(f"{t[k]:,}" for t in tables) + " |")
    rest = [sum(t[k] for k in keys if k not in shown) for t in tables]
    print("| (everything under 2,000 B) | " + " | ".join(f"{r:,}" for r in rest) + " |")
    print("| **total** | " + " | ".join(f"**{sum(t.values()):,}**" for t in tables) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
