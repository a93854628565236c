"""Fails when docs/parameters.md differs from `tongchou params --markdown` (the parameter table)."""
import subprocess
import sys

binary, doc = sys.argv[1], sys.argv[2]
generated = subprocess.run([binary, "params", "--markdown"], check=True, capture_output=True, text=True).stdout
with open(doc, encoding="utf-8") as f:
    current = f.read()
if generated != current:
    print(f"{doc} is out of date: regenerate it with `tongchou params --markdown > docs/parameters.md`")
    sys.exit(1)
print(f"{doc} matches the parameter table")
