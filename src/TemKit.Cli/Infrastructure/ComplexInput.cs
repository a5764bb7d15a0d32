using TemKit.Imaging;

namespace TemKit.Cli.Infrastructure;

/// <summary>Complex inputs (MRC mode 4, e.g. an exit wave) are read as their modulus |z|; commands say so, because |ψ| is
/// neither the wave nor its intensity |ψ|².</summary>
internal static class ComplexInput
{
    /// <summary>Prints one warning when <paramref name="metadata"/> says the data are complex.</summary>
    public static void Warn(string path, ImageMetadata metadata, string consequence)
    {
        if (metadata.DataType.StartsWith("complex", StringComparison.Ordinal))
            Console2.Warn($"{Path.GetFileName(path)}: complex ({metadata.DataType}) data are read as the modulus |z| (the phase is dropped); {consequence}");
    }
}
