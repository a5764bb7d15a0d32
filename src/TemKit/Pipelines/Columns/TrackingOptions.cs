namespace TemKit.Pipelines.Columns;

/// <summary>Column tracking between consecutive frames (<see cref="ColumnTracker"/>).</summary>
/// <param name="MatchRadiusAngstrom">After registration, a column of frame t+1 within this distance of one of frame t is
/// the same column (Å); a column without a partner appeared or disappeared.</param>
/// <param name="MoveThresholdAngstrom">A matched column that moved more than this (Å) is a "moved" event.</param>
/// <param name="MaxDriftAngstrom">Largest drift between consecutive frames searched by the image correlation (Å).</param>
/// <param name="EdgeMarginAngstrom">Columns closer than this to the border of either frame (after registration) are not
/// judged: drift alone moves them in and out of view.</param>
/// <param name="RegistrationLowPassPerAngstrom">Gaussian low-pass weight of the image cross-correlation (cycles/Å, standard
/// deviation; <see cref="ColumnTracker.ImageDrift"/>).</param>
/// <param name="LatticeSearchAngstrom">Column shifts within this distance (Å) of the image estimate are tried, the one that
/// pairs most columns wins (<see cref="ColumnTracker.ColumnDrift"/>); covers a lock onto a lattice neighbour (Au [110]
/// column spacing 2.0-2.9 Å). 0 = trust the image estimate.</param>
/// <param name="AbsentFraction">Hysteresis against detection flicker (used when the tracker is given the detection maps): an
/// unpaired column counts as disappeared (appeared) only if the other frame's map stays below this fraction of the detection
/// threshold everywhere within half the match radius of its drift-corrected position; a column that merely fell just below
/// the threshold is not an event. 0 = off (every unpaired column is an event).</param>
/// <param name="PersistFrames">Persistence against detection flicker: with K &gt; 1 a column that disappeared between
/// frames t and t+1 counts only if it is also detected (within the match radius, drift-corrected) in frames t−K+1..t and
/// in none of t+1..t+K, and an appeared column the other way round; frames beyond the ends of the sequence, or where the
/// position is within the edge margin, are not asked. A column absent for fewer than K frames is then not reported (nor
/// is a real event that is undone within K frames). 1 = off.</param>
/// <param name="Persistence">How "detected in the K frames" is decided (<see cref="ColumnTracker.Persistent"/>).</param>
/// <param name="PersistMoves">With K &gt; 1, a moved column counts only if its positions averaged over the K frames before and
/// the K frames after the pair still differ by more than the move threshold.</param>
public sealed record TrackingOptions(
    double MatchRadiusAngstrom = 1.0,
    double MoveThresholdAngstrom = 0.5,
    double MaxDriftAngstrom = 10,
    double EdgeMarginAngstrom = 2,
    double RegistrationLowPassPerAngstrom = 0.3,
    double LatticeSearchAngstrom = 3.5,
    double AbsentFraction = 0,
    int PersistFrames = 1,
    PersistenceTest Persistence = PersistenceTest.EveryFrame,
    bool PersistMoves = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(MatchRadiusAngstrom > 0) || !double.IsFinite(MatchRadiusAngstrom)) throw new ArgumentException($"match radius must be > 0 Å, got {MatchRadiusAngstrom}");
        if (!(MoveThresholdAngstrom >= 0 && MoveThresholdAngstrom < MatchRadiusAngstrom))
            throw new ArgumentException($"move threshold must be ≥ 0 Å and below the match radius ({MatchRadiusAngstrom} Å), got {MoveThresholdAngstrom}");
        if (!(MaxDriftAngstrom >= 0) || !double.IsFinite(MaxDriftAngstrom)) throw new ArgumentException($"maximum drift must be ≥ 0 Å, got {MaxDriftAngstrom}");
        if (!(EdgeMarginAngstrom >= 0) || !double.IsFinite(EdgeMarginAngstrom)) throw new ArgumentException($"edge margin must be ≥ 0 Å, got {EdgeMarginAngstrom}");
        if (!(AbsentFraction is >= 0 and <= 1)) throw new ArgumentException($"absent fraction must be in [0, 1], got {AbsentFraction}");
        if (PersistFrames is < 1 or > 100) throw new ArgumentException($"persistence must be 1..100 frames, got {PersistFrames}");
        if (!(RegistrationLowPassPerAngstrom > 0 && RegistrationLowPassPerAngstrom <= 10))
            throw new ArgumentException($"registration low-pass must be in (0, 10] cycles/Å, got {RegistrationLowPassPerAngstrom}");
        if (!(LatticeSearchAngstrom >= 0 && LatticeSearchAngstrom <= 50)) throw new ArgumentException($"lattice search must be 0..50 Å, got {LatticeSearchAngstrom}");
    }
}

/// <summary>How <see cref="ColumnTracker.Persistent"/> decides that a column is present in the K frames on one side of a pair.</summary>
public enum PersistenceTest
{
    /// <summary>A column is present when a column was detected within the match radius in every one of the K frames, absent
    /// when in none.</summary>
    EveryFrame,

    /// <summary>Present when the mean over the K frames of the detection map's largest value near the position reaches the
    /// detection threshold, absent otherwise (needs the detection maps).</summary>
    MapMean,
}
