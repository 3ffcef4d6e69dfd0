"""Gnumeric as an oracle: formulas evaluated headless by ssconvert. The
scripts beside this one import it (python3 tests/oracle/X.py puts this
folder on the path)."""
import os
import subprocess
import tempfile


def evaluate(formulas):
    """The values of formulas (one per row, column A), as Gnumeric prints them."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.csv"), os.path.join(tmp, "out.csv")
        with open(src, "w") as f:
            for formula in formulas:
                f.write('"' + formula.replace('"', '""') + '"\n')
        subprocess.run(["ssconvert", src, dst], check=True, capture_output=True)
        with open(dst) as f:
            return [line.strip().strip('"') for line in f]
