set -e
for dose in 1000 5000; do for seed in 1 2 3 4; do for z in "110 0 30" "100 45 35.264" "111 35.264 125.264"; do set -- $z
  d=d$dose-s$seed-z$1; [ -f $d/image.mrc ] || nice -n 10 /work/wt-particles/temkit simulate particle --diameter-nm 2.5 --grid 320 --pixel-size-angstrom 0.1 --tilt-deg $2 --tilt-axis-deg $3 --defocus-angstrom 60 --dose-e-per-A2 $dose --seed $seed -o $d > $d.log 2>&1
done; done; done
nice -n 10 /work/wt-particles/temkit particles d*/image.mrc --masks d*/mask.mrc -o runall --report-frames 0 > runall.log 2>&1
