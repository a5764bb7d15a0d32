namespace TemKit.Simulation.Structures;

/// <summary>Rotations drawn uniformly from SO(3) (Shoemake 1992, "Uniform random rotations", Graphics Gems III).</summary>
public static class RandomRotation
{
    /// <summary>A uniformly random rotation matrix from <paramref name="rng"/>.</summary>
    public static Matrix3 Draw(Random rng)
    {
        double u1 = rng.NextDouble(), u2 = rng.NextDouble(), u3 = rng.NextDouble();
        double a = Math.Sqrt(1 - u1), b = Math.Sqrt(u1);
        double w = a * Math.Sin(2 * Math.PI * u2), x = a * Math.Cos(2 * Math.PI * u2);
        double y = b * Math.Sin(2 * Math.PI * u3), z = b * Math.Cos(2 * Math.PI * u3);
        return new Matrix3(
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y));
    }
}
