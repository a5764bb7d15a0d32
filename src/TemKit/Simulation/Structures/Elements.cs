namespace TemKit.Simulation.Structures;

/// <summary>Chemical element symbols (H..Lr, the range of the Kirkland table) and room-temperature FCC lattice constants.</summary>
public static class Elements
{
    private static readonly string[] s_symbols =
    [
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
        "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
        "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
        "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm",
        "Md", "No", "Lr",
    ];

    // Room-temperature lattice constants (Å) of the common FCC metals (Kittel, Introduction to Solid State Physics, Table 1.3 / CRC).
    private static readonly Dictionary<string, double> s_fccLatticeAngstrom = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Al"] = 4.0495, ["Ni"] = 3.524, ["Cu"] = 3.615, ["Rh"] = 3.803, ["Pd"] = 3.891, ["Ag"] = 4.086,
        ["Ir"] = 3.839, ["Pt"] = 3.924, ["Au"] = 4.078, ["Pb"] = 4.950,
    };

    /// <summary>Cubic lattice constant of CeO2 (fluorite), Å.</summary>
    public const double CeriaLatticeAngstrom = 5.411;

    /// <summary>Highest atomic number known here (Lr, 103).</summary>
    public const int MaxAtomicNumber = 103;

    /// <summary>Symbol of element <paramref name="atomicNumber"/> (1..103).</summary>
    public static string Symbol(int atomicNumber)
    {
        if (atomicNumber is < 1 or > MaxAtomicNumber) throw new ArgumentOutOfRangeException(nameof(atomicNumber), atomicNumber, "atomic number must be 1..103");
        return s_symbols[atomicNumber - 1];
    }

    /// <summary>Atomic number of a symbol (case-insensitive, e.g. "Au", "au") or of a number written as text ("79").</summary>
    public static bool TryAtomicNumber(string symbolOrNumber, out int atomicNumber)
    {
        string s = symbolOrNumber.Trim();
        if (int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out atomicNumber))
            return atomicNumber is >= 1 and <= MaxAtomicNumber;
        for (int i = 0; i < s_symbols.Length; i++)
        {
            if (string.Equals(s_symbols[i], s, StringComparison.OrdinalIgnoreCase))
            {
                atomicNumber = i + 1;
                return true;
            }
        }
        atomicNumber = 0;
        return false;
    }

    /// <summary>Atomic number of a symbol; throws <see cref="ArgumentException"/> for an unknown one.</summary>
    public static int AtomicNumber(string symbol) =>
        TryAtomicNumber(symbol, out int z) ? z : throw new ArgumentException($"unknown element '{symbol}'");

    /// <summary>Tabulated FCC lattice constant (Å) of a metal, or null when the element is not a tabulated FCC metal
    /// (Al, Ni, Cu, Rh, Pd, Ag, Ir, Pt, Au, Pb); pass an explicit lattice constant for anything else.</summary>
    public static double? FccLatticeAngstrom(string symbol) =>
        s_fccLatticeAngstrom.TryGetValue(symbol.Trim(), out double a) ? a : null;
}
