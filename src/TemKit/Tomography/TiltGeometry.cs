namespace TemKit.Tomography;

/// <summary>
/// The single-axis tilt geometry every TemKit tilt series uses (simulation, alignment, reconstruction, reprojection):
/// the tilt axis is the image y axis; a specimen point (x, y, z), in Å or pixels about the rotation centre, with z along
/// the beam, is seen at tilt θ at image position (x cos θ + z sin θ, y). This is the specimen rotated by θ about +y
/// (right-handed) and projected along z. Angles are in degrees at the edges (as IMOD's <c>.rawtlt</c>/<c>.tlt</c>).
/// </summary>
public static class TiltGeometry
{
    /// <summary>Image x of specimen point (x, z) at tilt <paramref name="tiltDegrees"/> (same unit as x and z).</summary>
    public static double ProjectedX(double x, double z, double tiltDegrees)
    {
        double t = tiltDegrees * Math.PI / 180;
        return x * Math.Cos(t) + z * Math.Sin(t);
    }

    /// <summary>
    /// Rotates a specimen point about +y by <paramref name="tiltDegrees"/>: returns (x', z') with x' the image x seen at
    /// that tilt and z' the new depth along the beam.
    /// </summary>
    public static (double X, double Z) Rotate(double x, double z, double tiltDegrees)
    {
        double t = tiltDegrees * Math.PI / 180, c = Math.Cos(t), s = Math.Sin(t);
        return (x * c + z * s, -x * s + z * c);
    }
}
