#!/usr/bin/env python3
"""PyTorch peer of `temkit bench train|infer`: the same MSD-net and U-Net architectures, timed the same way.

Prints one JSON line {"net", "mode", "size", "batch", "median_s", "peak_mib", "cpu_s", "impl": "pytorch"}
(cpu_s: process CPU seconds per step, all threads).
MSD-net is written the usual PyTorch way (each layer convolves torch.cat of all earlier feature maps).
Usage: python3 bench/peers/torch_nets.py train|infer --net msd|unet [--size 256] [--batch 1] [--steps 5] [--threads 2]
       python3 bench/peers/torch_nets.py series --series STACK.mrc [--masks MASKS.mrc] --out AREAS.csv [--threshold 0.9]
series: what `temkit dose-limits` does per frame, the usual PyTorch way: read the MRC stack (mrcfile, memory-mapped),
standardise each frame (mean 0, standard deviation 1), segment batches of --batch frames, count the pixels whose
foreground probability is >= --threshold, score them against the exact masks, write one CSV row per frame.
"""
import argparse
import csv
import json
import random
import resource
import statistics
import time

import torch
import torch.nn as nn


class MsdNet(nn.Module):
    """Mixed-scale dense network: layer i = ReLU(conv_d_i(cat(input, layers < i))), reflect padding; 1x1 output."""

    def __init__(self, depth, width, kernel, dilations, classes):
        super().__init__()
        self.layers = nn.ModuleList()
        for i, d in enumerate(dilations[:depth]):
            cin = 1 + i * width
            self.layers.append(nn.Conv2d(cin, width, kernel, dilation=d, padding=d * (kernel // 2), padding_mode="reflect"))
        self.out = nn.Conv2d(1 + depth * width, classes, 1)

    def forward(self, x):
        feats = [x]
        for conv in self.layers:
            feats.append(torch.relu(conv(torch.cat(feats, 1))))
        return self.out(torch.cat(feats, 1))


class Block(nn.Module):
    """Five conv + PReLU layers; the first layer's output is added to the fifth layer's input."""

    def __init__(self, cin, c, kernel):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(cin if i == 0 else c, c, kernel, padding=kernel // 2) for i in range(5)])
        self.acts = nn.ModuleList([nn.PReLU(c) for _ in range(5)])

    def forward(self, x):
        first = None
        for i in range(5):
            if i == 4:
                x = x + first
            x = self.acts[i](self.convs[i](x))
            if i == 0:
                first = x
        return x


class UNet(nn.Module):
    def __init__(self, base, levels, kernel, classes):
        super().__init__()
        widths = [base << l for l in range(levels)]
        self.enc = nn.ModuleList([Block(1 if l == 0 else widths[l - 1], widths[l], kernel) for l in range(levels)])
        self.dec = nn.ModuleList([Block(widths[l + 1] + widths[l], widths[l], kernel) for l in range(levels - 1)])
        self.pool = nn.MaxPool2d(2)
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.out = nn.Conv2d(widths[0], classes, 1)
        self.levels = levels

    def forward(self, x):
        skips = []
        for l in range(self.levels):
            x = self.enc[l](x)
            if l < self.levels - 1:
                skips.append(x)
                x = self.pool(x)
        for l in range(self.levels - 2, -1, -1):
            x = self.dec[l](torch.cat([self.up(x), skips[l]], 1))
        return self.out(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["train", "infer", "series"])
    p.add_argument("--net", choices=["msd", "unet"], default="msd")
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--depth", type=int, default=50)
    p.add_argument("--width", type=int, default=None)
    p.add_argument("--kernel", type=int, default=None)
    p.add_argument("--max-dilation", type=int, default=10)
    p.add_argument("--levels", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--classes", type=int, default=1, help="output channels")
    p.add_argument("--loss", choices=["ce", "mse"], default="ce", help="ce: sigmoid cross-entropy on a 0/1 target; mse: regression")
    p.add_argument("--dilations", default=None, help="comma-separated MSD dilations (default: uniform 1..max from --seed)")
    p.add_argument("--series", default=None, help="series mode: the MRC stack")
    p.add_argument("--masks", default=None, help="series mode: the exact 0/1 mask stack")
    p.add_argument("--out", default=None, help="series mode: the per-frame CSV to write")
    p.add_argument("--threshold", type=float, default=0.9, help="series mode: foreground probability threshold")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.net == "msd":
        rng = random.Random(a.seed)
        dil = [int(d) for d in a.dilations.split(",")] if a.dilations else [rng.randint(1, a.max_dilation) for _ in range(a.depth)]
        net = MsdNet(a.depth, a.width or 1, a.kernel or 9, dil, a.classes)
    else:
        net = UNet(a.width or 32, a.levels, a.kernel or 5, a.classes)
    if a.mode == "series":
        segment_series(net.eval(), a)
        return
    x = torch.randn(a.batch, 1, a.size, a.size)
    t = (torch.rand(a.batch, a.classes, a.size, a.size) > 0.5).float()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, amsgrad=True)
    loss_fn = nn.MSELoss() if a.loss == "mse" else nn.BCEWithLogitsLoss()

    def step():
        if a.mode == "train":
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x), t)
            loss.backward()
            opt.step()
        else:
            with torch.no_grad():
                net(x)

    step()
    times, cpu = [], []
    for _ in range(a.steps):
        start, cpu0 = time.perf_counter(), time.process_time()
        step()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"net": a.net, "mode": a.mode, "size": a.size, "batch": a.batch,
                      "median_s": round(statistics.median(times), 4), "peak_mib": round(peak, 1),
                      "cpu_s": round(statistics.median(cpu), 4), "impl": "pytorch"}))


def segment_series(net, a):
    import mrcfile
    import numpy as np

    with mrcfile.mmap(a.series, permissive=True) as stack:
        frames = stack.data
        masks = mrcfile.mmap(a.masks, permissive=True).data if a.masks else None
        rows = []
        with torch.no_grad():
            for first in range(0, frames.shape[0], a.batch):
                x = torch.from_numpy(np.array(frames[first:first + a.batch], dtype=np.float32))
                mean = x.double().mean((1, 2), keepdim=True)
                std = x.double().std((1, 2), keepdim=True, unbiased=False).clamp_min(1e-12)
                x = ((x - mean) / std).float().unsqueeze(1)
                segmented = torch.sigmoid(net(x))[:, 0] >= a.threshold
                area = segmented.sum((1, 2))
                if masks is not None:
                    truth = torch.from_numpy(np.array(masks[first:first + a.batch])) > 0.5
                    tp = (segmented & truth).sum((1, 2))
                    fp = (segmented & ~truth).sum((1, 2))
                    fn = (~segmented & truth).sum((1, 2))
                    f1 = (2 * tp).double() / (2 * tp + fp + fn).clamp_min(1).double()
                else:
                    f1 = torch.full_like(area, float("nan"), dtype=torch.float64)
                for i in range(area.shape[0]):
                    rows.append((first + i, int(area[i]), float(f1[i])))
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["frame", "area_px", "f1"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
