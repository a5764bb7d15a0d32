#!/bin/bash
# The defocus-aware segmentation study of docs/defocus-aware-segmentation.md. Resumable: every step skips what exists.
# Usage: docs/studies/defocus-aware-segmentation.sh STUDY_FOLDER   (run from the repository root; about 1.5 h on 2
# shared cores, most of it the eight trainings of 6 epochs each)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=${TEMKIT:-"$ROOT/temkit"}   # TEMKIT="dotnet /path/TemKit.Cli.dll" runs a frozen build
S=${1:?study folder}
mkdir -p "$S" && cd "$S"
DEFOCI="5000 10000 15000 20000 25000 30000 35000 40000 45000 50000"
TRAIN=(--epochs 6 --crop 128 --batch 4 --depth 20 --width 1 --max-dilation 8 --val-fraction 0.1 --seed 1)
DEFOCUS=(--tile-size-px 128 --min-resolution-angstrom 40 --max-defocus-angstrom 60000 --threads 1)
SNR=1   # Wiener filter CTF/(CTF² + 1/SNR)

# 1. Data (256 px, 4 Å/px): training fields at 0.5-1 µm (the narrow band) and over 0.5-5 µm; held-out fields at ten
#    fixed defoci (the same seed, so the same specimens at every defocus).
$T simulate fringe-dataset -o train-narrow --count 160 --seed 111 --min-defocus-angstrom 5000 --max-defocus-angstrom 10000 --threads 1
$T simulate fringe-dataset -o train-wide --count 160 --seed 202 --min-defocus-angstrom 5000 --max-defocus-angstrom 50000 --threads 1
for df in $DEFOCI; do
  $T simulate fringe-dataset -o test-$df --count 16 --seed 303 --min-defocus-angstrom $df --max-defocus-angstrom $df --threads 1
done

# 2. Defocus measured by `temkit defocus`, and a "run" holding the true CTFs (the control data).
for ds in train-narrow train-wide $(for df in $DEFOCI; do echo test-$df; done); do
  [ -f $ds/defocus/results.csv ] || $T defocus $ds/images -o $ds/defocus "${DEFOCUS[@]}" > /dev/null
  /usr/bin/python3 "$ROOT/docs/studies/truth_defocus_run.py" $ds
done

# 3. CTF-corrected narrow training images. Corrected with the true CTFs: at 0.5-1 µm `temkit defocus` fits only part of
#    the fields at 4 Å/px (the first zero lies near Nyquist), and simulated training data has known defocus anyway; the
#    held-out fields are corrected with the measured CTF (and, as a control, the true one).
[ -d train-narrow/flip ] || $T ctf-correct train-narrow/images -o train-narrow/flip --defocus-from train-narrow/truth-defocus --ctf-correction flip
[ -d train-narrow/wiener ] || $T ctf-correct train-narrow/images -o train-narrow/wiener --defocus-from train-narrow/truth-defocus --ctf-correction wiener --wiener-snr $SNR

# 4. Models. The conditioned network trains on the wide set with each field's true defocus as a constant channel
#    (simulated training data has known defocus) and is applied with the measured one. The band models are three
#    plain networks on the wide set split by measured defocus (< 2, 2-3.5, >= 3.5 µm).
train() { local m=$1; shift; if [ -f "$m" ]; then $T train -o "$m" --resume --epochs 6 "$@"; else $T train -o "$m" "$@" "${TRAIN[@]}"; fi; }
mkdir -p models
train models/plain-narrow.tkm --images train-narrow/images --masks train-narrow/masks
train models/plain-wide.tkm --images train-wide/images --masks train-wide/masks
train models/cond-wide.tkm --images train-wide/images --masks train-wide/masks --input-channels 2 --defocus-from train-wide/truth-defocus
/usr/bin/python3 "$ROOT/docs/studies/band_folders.py" train-wide 20000 35000
for b in 0 1 2; do train models/band-$b.tkm --images train-wide/band-$b/images --masks train-wide/band-$b/masks; done
train models/flip-narrow.tkm --images train-narrow/flip --masks train-narrow/masks
train models/wiener-narrow.tkm --images train-narrow/wiener --masks train-narrow/masks

# 5. Segment every held-out set with every control, scored against the exact masks ("measured" = the defocus run,
#    "truth" = the true CTFs).
seg() { local out=$1; shift; [ -f $out/segmentation.csv ] || $T segment "$@" -o $out --no-png > /dev/null; }
for df in $DEFOCI; do
  d=test-$df
  M=(--truth $d/masks.mrc)
  seg $d/seg-plain-narrow models/plain-narrow.tkm $d/images "${M[@]}"
  seg $d/seg-plain-narrow-index models/plain-narrow.tkm $d/images "${M[@]}" --defocus-from $d/defocus
  seg $d/seg-plain-wide models/plain-wide.tkm $d/images "${M[@]}"
  for src in measured truth; do
    run=$d/defocus; [ $src = truth ] && run=$d/truth-defocus
    seg $d/seg-cond-$src models/cond-wide.tkm $d/images "${M[@]}" --defocus-from $run
    seg $d/seg-band-$src models/band-0.tkm $d/images "${M[@]}" --defocus-from $run --models-by-defocus 2=models/band-1.tkm,3.5=models/band-2.tkm
    [ -f models/flip-narrow.tkm ] && seg $d/seg-flip-$src models/flip-narrow.tkm $d/images "${M[@]}" --defocus-from $run --ctf-correction flip
    [ -f models/wiener-narrow.tkm ] && seg $d/seg-wiener-$src models/wiener-narrow.tkm $d/images "${M[@]}" --defocus-from $run --ctf-correction wiener --wiener-snr $SNR
  done
done

# 6. The table, the plots, and the segmentation index through `temkit stats` on the plain network's per-image rows.
/usr/bin/python3 "$ROOT/docs/studies/summarise_fringes.py" .
$T stats index.csv --x fringe_width_px --y f1 f1_minus_specimen_mean apparent_size -o index-stats > index-stats.txt
$T stats index.csv --x fft_index --y f1 f1_minus_specimen_mean apparent_size -o index-stats-fft > index-stats-fft.txt
