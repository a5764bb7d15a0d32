namespace TemKit.Simulation.Multislice;

/// <summary>Illumination and numerics of the multislice calculation.</summary>
/// <param name="VoltageKilovolts">Acceleration voltage (kV).</param>
/// <param name="BandwidthLimitFraction">Radius of the circular bandwidth limit applied to the transmission functions and
/// the propagator, as a fraction of the Nyquist frequency 1/(2·px) (2/3 prevents aliasing, Kirkland 2010 section 6.8).</param>
public sealed record MultisliceParameters(double VoltageKilovolts = 300, double BandwidthLimitFraction = 2.0 / 3.0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        if (!(VoltageKilovolts is >= 10 and <= 3000)) throw new ArgumentException($"voltage must be 10..3000 kV, got {VoltageKilovolts}");
        if (!(BandwidthLimitFraction is > 0 and <= 1)) throw new ArgumentException($"bandwidth limit must be in (0, 1] of Nyquist, got {BandwidthLimitFraction}");
    }
}
