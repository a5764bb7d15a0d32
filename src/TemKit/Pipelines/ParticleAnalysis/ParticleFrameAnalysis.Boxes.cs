using TemKit.Imaging;
using TemKit.Imaging.Components;
using TemKit.Imaging.Resampling;

namespace TemKit.Pipelines.ParticleAnalysis;

public static partial class ParticleFrameAnalysis
{
    /// <summary>
    /// The frame analysed inside the particles' boxes: components of the coarse mask give boxes on the frame's grid (every
    /// frame pixel whose resampling support touches the component; boxes that overlap or touch are merged, so each
    /// frame-resolution component lies in exactly one box); inside each box the probability is resampled to the frame's
    /// grid exactly as the whole map would be (<see cref="Resize.ImageRegion"/>), thresholded, labelled and measured.
    /// Components are numbered in raster order of their first pixel, as a frame-sized labelling numbers them.
    /// </summary>
    private static ParticleFrameResult AnalyseInBoxes(Image2D frame, int index, string file, int frameInFile, ICoarseParticleDetector detector, ParticlesRunOptions options)
    {
        var coarse = detector.DetectCoarse(frame, index);
        int w = frame.Width, h = frame.Height, cw = coarse.Width, ch = coarse.Height;
        if (coarse.Probability.Length != cw * ch) throw new InvalidOperationException($"the detector returned {coarse.Probability.Length} values for a {cw}x{ch} grid");
        float t = (float)coarse.Threshold;
        var connectivity = options.Segmentation.Connectivity;
        var coarseMask = new byte[cw * ch];
        for (int i = 0; i < coarseMask.Length; i++) coarseMask[i] = coarse.Probability[i] >= t ? (byte)1 : (byte)0;
        var coarseLabels = new int[cw * ch];
        int coarseCount = ConnectedComponents.Label(coarseMask, cw, ch, coarseLabels, connectivity);
        var coarseBoxes = ComponentMeasurements.Measure(coarseLabels, coarseCount, cw, ch, [], VoxelSize.Unknown);
        var (firstX, lastX) = Support(cw, w);
        var (firstY, lastY) = Support(ch, h);
        var boxes = Merge(coarseBoxes.Select(b => new PixelBox(firstX[b.MinXPx], firstY[b.MinYPx], lastX[b.MaxXPx], lastY[b.MaxYPx])).ToList());

        var found = new List<(ComponentMeasurement C, long First, PixelBox Box, byte[] Region)>();
        foreach (var box in boxes)
        {
            int bw = box.Width, bh = box.Height;
            var probability = new float[bw * bh];
            Resize.ImageRegion(coarse.Probability, cw, ch, w, h, box.MinX, box.MinY, bw, bh, probability);
            var mask = new byte[bw * bh];
            for (int i = 0; i < mask.Length; i++) mask[i] = probability[i] >= t ? (byte)1 : (byte)0;
            var labels = new int[bw * bh];
            int count = ConnectedComponents.Label(mask, bw, bh, labels, connectivity);
            if (count == 0) continue;
            var first = new long[count + 1];
            Array.Fill(first, -1);
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] != 0 && first[labels[i]] < 0) first[labels[i]] = (long)(box.MinY + i / bw) * w + box.MinX + i % bw;
            foreach (var c in ComponentMeasurements.Measure(labels, count, bw, bh, probability, frame.PixelSize))
            {
                var local = new PixelBox(c.MinXPx, c.MinYPx, c.MaxXPx, c.MaxYPx);
                var region = new byte[local.Width * local.Height];
                for (int y = local.MinY; y <= local.MaxY; y++)
                    for (int x = local.MinX; x <= local.MaxX; x++)
                        region[(y - local.MinY) * local.Width + x - local.MinX] = labels[y * bw + x] == c.Label ? (byte)1 : (byte)0;
                var shifted = Shift(c, box.MinX, box.MinY, w, h, frame.PixelSize);
                found.Add((shifted, first[c.Label], new PixelBox(shifted.MinXPx, shifted.MinYPx, shifted.MaxXPx, shifted.MaxYPx), region));
            }
        }
        found.Sort((a, b) => a.First.CompareTo(b.First));
        var chosen = new List<ComponentMeasurement>();
        var regions = new List<(PixelBox Box, byte[] Region)>();
        for (int k = 0; k < found.Count; k++)
        {
            var c = found[k].C with { Label = k + 1 };
            if (c.EquivalentDiameterNm < options.Segmentation.MinParticleDiameterNm) continue;
            chosen.Add(c);
            regions.Add((found[k].Box, found[k].Region));
        }
        var results = new RegionalFourierResult[chosen.Count];
        Parallel.For(0, chosen.Count, i => results[i] = RegionalFourier.Analyse(frame, regions[i].Region, regions[i].Box, options.Fourier));
        return new ParticleFrameResult(Record(index, file, frameInFile, chosen, results, options), [], [], results);
    }

    /// <summary>For each coarse sample j, the first and last frame pixel whose resampling support includes j.</summary>
    private static (int[] First, int[] Last) Support(int coarse, int fine)
    {
        var weights = AxisWeights.For(coarse, fine);
        var first = new int[coarse];
        var last = new int[coarse];
        Array.Fill(first, int.MaxValue);
        Array.Fill(last, -1);
        for (int x = 0; x < fine; x++)
            for (int j = weights.Start(x); j <= weights.End(x); j++)
            {
                first[j] = Math.Min(first[j], x);
                last[j] = Math.Max(last[j], x);
            }
        // A coarse sample no frame pixel uses (only when shrinking): take its neighbours' reach.
        for (int j = 0; j < coarse; j++)
            if (last[j] < 0) { first[j] = j > 0 ? first[j - 1] : 0; last[j] = j > 0 ? last[j - 1] : 0; }
        return (first, last);
    }

    /// <summary>Merges boxes that overlap or touch (8-neighbourhood) until none do.</summary>
    private static List<PixelBox> Merge(List<PixelBox> boxes)
    {
        bool merged = true;
        while (merged)
        {
            merged = false;
            for (int i = 0; i < boxes.Count && !merged; i++)
                for (int j = i + 1; j < boxes.Count; j++)
                {
                    var a = boxes[i];
                    var b = boxes[j];
                    if (a.MinX > b.MaxX + 1 || b.MinX > a.MaxX + 1 || a.MinY > b.MaxY + 1 || b.MinY > a.MaxY + 1) continue;
                    boxes[i] = new PixelBox(Math.Min(a.MinX, b.MinX), Math.Min(a.MinY, b.MinY), Math.Max(a.MaxX, b.MaxX), Math.Max(a.MaxY, b.MaxY));
                    boxes.RemoveAt(j);
                    merged = true;
                    break;
                }
        }
        return boxes;
    }

    /// <summary>A component measured in a box, in frame coordinates (edge contact against the frame).</summary>
    private static ComponentMeasurement Shift(ComponentMeasurement c, int dx, int dy, int width, int height, VoxelSize pixelSize)
    {
        double nmX = pixelSize.IsKnown ? pixelSize.XAngstrom / 10 : double.NaN;
        double nmY = pixelSize.YAngstrom > 0 && double.IsFinite(pixelSize.YAngstrom) ? pixelSize.YAngstrom / 10 : nmX;
        double cx = c.CentroidXPx + dx, cy = c.CentroidYPx + dy;
        int minX = c.MinXPx + dx, minY = c.MinYPx + dy, maxX = c.MaxXPx + dx, maxY = c.MaxYPx + dy;
        return c with
        {
            CentroidXPx = cx, CentroidYPx = cy, CentroidXNm = cx * nmX, CentroidYNm = cy * nmY,
            MinXPx = minX, MinYPx = minY, MaxXPx = maxX, MaxYPx = maxY,
            TouchesEdge = minX == 0 || minY == 0 || maxX == width - 1 || maxY == height - 1,
        };
    }
}
