namespace TemKit.Neural.Convolution.Winograd;

/// <summary>
/// The matrices of the minimal filtering algorithm F(m×m, r×r) (Lavin and Gray, "Fast algorithms for convolutional
/// neural networks", CVPR 2016, eq. 8): Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A turns an n×n input tile d (n = m + r − 1) and an
/// r×r kernel g into the m×m correlation output Y with n² multiplications instead of m²r². Built by Toom–Cook from n − 1
/// finite interpolation points and ∞: Aᵀ[i][j] = aⱼⁱ, G[j][k] = aⱼᵏ / Πₗ≠ⱼ(aⱼ − aₗ), Bᵀ row j = coefficients of
/// Πₗ≠ⱼ(x − aₗ) (row ∞: of Πₗ(x − aₗ)). Computed in double, stored in float, with each matrix's non-zero entries
/// listed by row so the tile transforms skip the zeros.
/// </summary>
internal sealed class WinogradTransform
{
    /// <summary>Finite points in the order they are used: small magnitudes first keep the fp32 error low.</summary>
    private static readonly double[] Points = [0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1.0 / 3, -1.0 / 3];

    /// <summary>Builds F(<paramref name="outputTile"/>², <paramref name="kernel"/>²).</summary>
    public WinogradTransform(int outputTile, int kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputTile);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        int n = outputTile + kernel - 1;
        if (n - 1 > Points.Length) throw new ArgumentException($"F({outputTile}, {kernel}) needs {n} points, at most {Points.Length + 1} are defined");
        OutputTile = outputTile;
        Kernel = kernel;
        InputTile = n;
        var a = Points.AsSpan(0, n - 1).ToArray();
        At = new double[outputTile, n];
        G = new double[n, kernel];
        Bt = new double[n, n];
        for (int j = 0; j < n - 1; j++)
        {
            double denominator = 1;
            for (int l = 0; l < n - 1; l++) if (l != j) denominator *= a[j] - a[l];
            for (int i = 0; i < outputTile; i++) At[i, j] = Math.Pow(a[j], i);
            for (int k = 0; k < kernel; k++) G[j, k] = Math.Pow(a[j], k) / denominator;
            var poly = Product(a, skip: j);
            for (int p = 0; p < poly.Length; p++) Bt[j, p] = poly[p];
        }
        At[outputTile - 1, n - 1] = 1;
        G[n - 1, kernel - 1] = 1;
        var full = Product(a, skip: -1);
        for (int p = 0; p < full.Length; p++) Bt[n - 1, p] = full[p];
        AtRows = new SparseRows(At);
        BtRows = new SparseRows(Bt);
        GRows = new SparseRows(G);
    }

    /// <summary>Output tile size m (px).</summary>
    public int OutputTile { get; }

    /// <summary>Kernel size r (px).</summary>
    public int Kernel { get; }

    /// <summary>Input tile size n = m + r − 1 (px).</summary>
    public int InputTile { get; }

    /// <summary>Output transform Aᵀ, m×n.</summary>
    public double[,] At { get; }

    /// <summary>Kernel transform G, n×r.</summary>
    public double[,] G { get; }

    /// <summary>Input transform Bᵀ, n×n.</summary>
    public double[,] Bt { get; }

    /// <summary>Non-zero entries of Aᵀ by row.</summary>
    public SparseRows AtRows { get; }

    /// <summary>Non-zero entries of Bᵀ by row.</summary>
    public SparseRows BtRows { get; }

    /// <summary>Non-zero entries of G by row.</summary>
    public SparseRows GRows { get; }

    /// <summary>Coefficients (lowest power first) of Πₗ≠skip (x − aₗ).</summary>
    private static double[] Product(double[] a, int skip)
    {
        var c = new double[a.Length + 1];
        c[0] = 1;
        int degree = 0;
        for (int l = 0; l < a.Length; l++)
        {
            if (l == skip) continue;
            for (int p = degree + 1; p > 0; p--) c[p] = c[p - 1] - a[l] * c[p];
            c[0] = -a[l] * c[0];
            degree++;
        }
        return c.AsSpan(0, degree + 1).ToArray();
    }
}

/// <summary>The non-zero entries of a small dense matrix, row by row, as float coefficients.</summary>
internal sealed class SparseRows
{
    /// <summary>Lists the entries of <paramref name="matrix"/> whose magnitude exceeds 1e-12.</summary>
    public SparseRows(double[,] matrix)
    {
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        Start = new int[rows + 1];
        var columns = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < rows; i++)
        {
            Start[i] = columns.Count;
            for (int j = 0; j < cols; j++)
            {
                if (Math.Abs(matrix[i, j]) <= 1e-12) continue;
                columns.Add(j);
                values.Add((float)matrix[i, j]);
            }
        }
        Start[rows] = columns.Count;
        Columns = columns.ToArray();
        Values = values.ToArray();
    }

    /// <summary>Row i's entries are at [Start[i], Start[i + 1]).</summary>
    public int[] Start { get; }

    /// <summary>Column of each entry.</summary>
    public int[] Columns { get; }

    /// <summary>Value of each entry.</summary>
    public float[] Values { get; }
}
