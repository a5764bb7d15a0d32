namespace TemKit.Simulation.Structures;

/// <summary>A 3x3 matrix (row-major) for rotating atomic coordinates; angles in radians.</summary>
public readonly record struct Matrix3(double M00, double M01, double M02, double M10, double M11, double M12, double M20, double M21, double M22)
{
    /// <summary>The identity.</summary>
    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>The matrix whose rows are the three given vectors (a change of basis onto them when they are orthonormal).</summary>
    public static Matrix3 FromRows((double X, double Y, double Z) r0, (double X, double Y, double Z) r1, (double X, double Y, double Z) r2) =>
        new(r0.X, r0.Y, r0.Z, r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z);

    /// <summary>Right-handed rotation by <paramref name="angleRadians"/> about the unit axis (ax, ay, az) (Rodrigues' formula).</summary>
    public static Matrix3 Rotation(double ax, double ay, double az, double angleRadians)
    {
        double n = Math.Sqrt(ax * ax + ay * ay + az * az);
        if (!(n > 0)) throw new ArgumentException("rotation axis must be a non-zero vector");
        ax /= n; ay /= n; az /= n;
        double c = Math.Cos(angleRadians), s = Math.Sin(angleRadians), t = 1 - c;
        return new(
            t * ax * ax + c, t * ax * ay - s * az, t * ax * az + s * ay,
            t * ax * ay + s * az, t * ay * ay + c, t * ay * az - s * ax,
            t * ax * az - s * ay, t * ay * az + s * ax, t * az * az + c);
    }

    /// <summary>m · (x, y, z).</summary>
    public (double X, double Y, double Z) Apply(double x, double y, double z) =>
        (M00 * x + M01 * y + M02 * z, M10 * x + M11 * y + M12 * z, M20 * x + M21 * y + M22 * z);

    /// <summary>Matrix product a · b (apply b first).</summary>
    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        a.M00 * b.M00 + a.M01 * b.M10 + a.M02 * b.M20, a.M00 * b.M01 + a.M01 * b.M11 + a.M02 * b.M21, a.M00 * b.M02 + a.M01 * b.M12 + a.M02 * b.M22,
        a.M10 * b.M00 + a.M11 * b.M10 + a.M12 * b.M20, a.M10 * b.M01 + a.M11 * b.M11 + a.M12 * b.M21, a.M10 * b.M02 + a.M11 * b.M12 + a.M12 * b.M22,
        a.M20 * b.M00 + a.M21 * b.M10 + a.M22 * b.M20, a.M20 * b.M01 + a.M21 * b.M11 + a.M22 * b.M21, a.M20 * b.M02 + a.M21 * b.M12 + a.M22 * b.M22);
}
