namespace TemKit.Pipelines.Species;

/// <summary>
/// Column counts of one frame and the chalcogen vacancy statistics derived from them: a single vacancy is an X₁ column
/// (class 3); columns with both chalcogens missing leave no column and are not counted.
/// </summary>
/// <param name="PerClass">Columns per class index (entry 0, background, is 0).</param>
/// <param name="AreaNanometres2">Analysed area (nm²): the image minus the edge margin.</param>
public sealed record SpeciesCounts(int[] PerClass, double AreaNanometres2)
{
    /// <summary>Class index of metal columns.</summary>
    public const int MetalClass = 1;

    /// <summary>Class index of chalcogen pairs (X₂).</summary>
    public const int PairClass = 2;

    /// <summary>Class index of single chalcogens (X₁, one vacancy each).</summary>
    public const int SingleClass = 3;

    /// <summary>Counts of <paramref name="columns"/> over <paramref name="classes"/> classes in an area of <paramref name="areaNanometres2"/>.</summary>
    public static SpeciesCounts Of(IEnumerable<DetectedColumn> columns, int classes, double areaNanometres2)
    {
        var n = new int[classes];
        foreach (var c in columns) n[c.ClassIndex]++;
        return new SpeciesCounts(n, areaNanometres2);
    }

    /// <summary>Chalcogen vacancies: the number of X₁ columns (0 for a model with fewer than four classes).</summary>
    public int Vacancies => PerClass.Length > SingleClass ? PerClass[SingleClass] : 0;

    /// <summary>Chalcogen columns (X₂ + X₁).</summary>
    public int ChalcogenColumns => (PerClass.Length > PairClass ? PerClass[PairClass] : 0) + Vacancies;

    /// <summary>Vacancies per nm² of analysed area.</summary>
    public double VacanciesPerNanometre2 => AreaNanometres2 > 0 ? Vacancies / AreaNanometres2 : double.NaN;

    /// <summary>Vacancies per chalcogen site (two sites per chalcogen column): X₁ / (2 (X₂ + X₁)).</summary>
    public double VacanciesPerSite => ChalcogenColumns > 0 ? Vacancies / (2.0 * ChalcogenColumns) : double.NaN;
}
