namespace TemKit.Fourier;

/// <summary>Argument checks shared by the FFT backends, so both refuse bad input with the same message.</summary>
internal static class FftChecks
{
    public static void Sizes(int nx, int ny)
    {
        if (nx < 1 || ny < 1) throw new ArgumentOutOfRangeException(nameof(nx), $"FFT size {nx}x{ny}: both sizes must be at least 1");
    }

    public static void Lengths(int inLength, long inExpected, int outLength, long outExpected)
    {
        if (inLength != inExpected) throw new ArgumentException($"FFT input holds {inLength} values, expected {inExpected}");
        if (outLength != outExpected) throw new ArgumentException($"FFT output holds {outLength} values, expected {outExpected}");
    }
}
