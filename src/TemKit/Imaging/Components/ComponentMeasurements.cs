namespace TemKit.Imaging.Components;

/// <summary>Per-component measurements (area, equivalent diameter, centroid, bounding box, mean probability) from a label image.</summary>
public static class ComponentMeasurements
{
    /// <summary>
    /// Measures components 1..<paramref name="count"/> of <paramref name="labels"/> (as written by
    /// <see cref="ConnectedComponents.Label"/>). <paramref name="probability"/> is the per-pixel foreground probability
    /// (same size) or empty; <paramref name="pixelSize"/> gives the nm values (NaN when unknown; y falls back to x).
    /// </summary>
    public static IReadOnlyList<ComponentMeasurement> Measure(ReadOnlySpan<int> labels, int count, int width, int height,
        ReadOnlySpan<float> probability, VoxelSize pixelSize)
    {
        if (labels.Length != (long)width * height) throw new ArgumentException($"labels have {labels.Length} pixels, {width}x{height} expected", nameof(labels));
        if (!probability.IsEmpty && probability.Length != labels.Length) throw new ArgumentException("probability and labels differ in size", nameof(probability));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var area = new long[count + 1];
        var sumX = new double[count + 1];
        var sumY = new double[count + 1];
        var sumP = new double[count + 1];
        var minX = new int[count + 1];
        var minY = new int[count + 1];
        var maxX = new int[count + 1];
        var maxY = new int[count + 1];
        Array.Fill(minX, int.MaxValue);
        Array.Fill(minY, int.MaxValue);
        Array.Fill(maxX, -1);
        Array.Fill(maxY, -1);
        for (int y = 0; y < height; y++)
        {
            var row = labels.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                int k = row[x];
                if (k == 0) continue;
                if ((uint)k > (uint)count) throw new ArgumentException($"label {k} at ({x}, {y}) exceeds the count {count}", nameof(labels));
                area[k]++;
                sumX[k] += x;
                sumY[k] += y;
                if (!probability.IsEmpty) sumP[k] += probability[y * width + x];
                if (x < minX[k]) minX[k] = x;
                if (x > maxX[k]) maxX[k] = x;
                if (y < minY[k]) minY[k] = y;
                if (y > maxY[k]) maxY[k] = y;
            }
        }
        double nmX = pixelSize.IsKnown ? pixelSize.XAngstrom / 10 : double.NaN;
        double nmY = pixelSize.YAngstrom > 0 && double.IsFinite(pixelSize.YAngstrom) ? pixelSize.YAngstrom / 10 : nmX;
        var result = new ComponentMeasurement[count];
        for (int k = 1; k <= count; k++)
        {
            long a = area[k];
            double cx = sumX[k] / a, cy = sumY[k] / a, areaNm2 = a * nmX * nmY;
            result[k - 1] = new ComponentMeasurement(k, a, areaNm2, 2 * Math.Sqrt(a / Math.PI), 2 * Math.Sqrt(areaNm2 / Math.PI),
                cx, cy, cx * nmX, cy * nmY, minX[k], minY[k], maxX[k], maxY[k],
                probability.IsEmpty ? double.NaN : sumP[k] / a,
                minX[k] == 0 || minY[k] == 0 || maxX[k] == width - 1 || maxY[k] == height - 1);
        }
        return result;
    }
}
