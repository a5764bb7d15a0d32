#!/bin/bash
# The defocus-aware segmentation study of docs/defocus-aware-segmentation.md. Resumable: every step skips what exists.
# Usage: docs/studies/defocus-aware-segmentation.sh STUDY_FOLDER   (run from the repository root; ~35 min on 2 cores)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=${TEMKIT:-"$ROOT/temkit"}   # TEMKIT="dotnet /path/TemKit.Cli.dll" runs a frozen build
S=${1:?study folder}
mkdir -p "$S" && cd "$S"
DEFOCI="5000 10000 15000 20000 25000 30000 35000 40000 45000 50000"
TRAIN=(--epochs 6 --crop 128 --batch 4 --depth 20 --width 1 --max-dilation 8 --val-fraction 0.1 --seed 1)
DEFOCUS=(--tile-size-px 128 --min-resolution-A 40 --max-defocus-A 60000 --threads 1)

# 1. Data: training fields at 1-2 µm ("one defocus range") and over 0.5-5 µm; held-out fields at ten fixed defoci (the
#    same seed, so the same specimens at every defocus).
$T simulate fringe-dataset -o train-narrow --count 160 --seed 101 --min-defocus-angstrom 10000 --max-defocus-angstrom 20000 --threads 1
$T simulate fringe-dataset -o train-wide --count 160 --seed 202 --min-defocus-angstrom 5000 --max-defocus-angstrom 50000 --threads 1
for df in $DEFOCI; do
  $T simulate fringe-dataset -o test-$df --count 16 --seed 303 --min-defocus-angstrom $df --max-defocus-angstrom $df --threads 1
done

# 2. Defocus measured by `temkit defocus`, and a "run" holding the true CTFs (the control data).
for ds in train-narrow train-wide $(for df in $DEFOCI; do echo test-$df; done); do
  $T defocus $ds/images -o $ds/defocus "${DEFOCUS[@]}" > /dev/null || true
  /usr/bin/python3 "$ROOT/docs/studies/truth_defocus_run.py" $ds
done

# 3. CTF-corrected training images (measured CTFs) and the models.
for c in flip wiener; do
  [ -d train-narrow/$c ] || $T ctf-correct train-narrow/images -o train-narrow/$c --defocus-from train-narrow/defocus --ctf-correction $c || true
done
train() { [ -f "$1" ] && $T train -o "$1" --resume "${TRAIN[@]:0:2}" --images "$2" --masks "$3" || $T train -o "$1" --images "$2" --masks "$3" "${TRAIN[@]}"; }
mkdir -p models
train models/plain-narrow.tkm train-narrow/images train-narrow/masks
train models/flip-narrow.tkm train-narrow/flip train-narrow/masks
train models/wiener-narrow.tkm train-narrow/wiener train-narrow/masks
train models/plain-wide.tkm train-wide/images train-wide/masks
# Models by defocus band, chosen at test time by the measured defocus: the wide set split by its measured defocus.
/usr/bin/python3 "$ROOT/docs/studies/band_folders.py" train-wide 20000 35000
for b in 0 1 2; do train models/band-$b.tkm train-wide/band-$b/images train-wide/band-$b/masks; done

# 4. Segment every held-out set with every control, scored against the exact masks.
seg() { local out=$1; shift; [ -f $out/segmentation.csv ] || $T segment "$@" -o $out --no-png > /dev/null || true; }
for df in $DEFOCI; do
  d=test-$df
  seg $d/seg-plain models/plain-narrow.tkm $d/images --truth $d/masks.mrc
  seg $d/seg-plain-wide models/plain-wide.tkm $d/images --truth $d/masks.mrc
  for c in flip wiener; do
    seg $d/seg-$c-measured models/$c-narrow.tkm $d/images --truth $d/masks.mrc --defocus-from $d/defocus --ctf-correction $c || true
    seg $d/seg-$c-truth models/$c-narrow.tkm $d/images --truth $d/masks.mrc --defocus-from $d/truth-defocus --ctf-correction $c || true
  done
  # The band models see every image; the summary picks, per image, the band of its measured defocus.
  for b in 0 1 2; do seg $d/seg-band-$b models/band-$b.tkm $d/images --truth $d/masks.mrc; done
done

# 5. The table, the plot and the segmentation index.
/usr/bin/python3 "$ROOT/docs/studies/summarise_fringes.py" . 20000 35000
