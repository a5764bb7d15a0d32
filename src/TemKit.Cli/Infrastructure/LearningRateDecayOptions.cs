using System.CommandLine;
using TemKit.Neural.Optimisers;

namespace TemKit.Cli.Infrastructure;

/// <summary>
/// The one spelling of a cosine learning-rate decay for the training commands: <c>--lr-decay-start E0 --lr-decay-end E1
/// [--lr-final-factor F]</c> (<see cref="LearningRateDecay"/>: full rate up to epoch E0, cosine down to F × the rate at
/// epoch E1, F after). Both epochs or neither; may be added on a resume.
/// </summary>
internal sealed class LearningRateDecayOptions
{
    /// <summary>Last epoch at the full learning rate.</summary>
    public Option<int?> Start { get; } = new Option<int?>("--lr-decay-start") { Description = "Cosine learning-rate decay: last epoch at the full rate (with --lr-decay-end; may be added on --resume; give the same values on every later resume)" }.Whole(0, 1_000_000, "epochs");

    /// <summary>First epoch at the final factor.</summary>
    public Option<int?> End { get; } = new Option<int?>("--lr-decay-end") { Description = "Cosine learning-rate decay: first epoch at --lr-final-factor × the rate (after --lr-decay-start)" }.Whole(1, 1_000_000, "epochs");

    /// <summary>Final fraction of the learning rate.</summary>
    public Option<double> FinalFactor { get; } = new Option<double>("--lr-final-factor") { Description = "Learning rate at and after --lr-decay-end as a fraction of the set rate", DefaultValueFactory = _ => 0.01 }.Within(LearningRateDecay.FinalFactorLimits);

    /// <summary>The three options, to add to a command.</summary>
    public IEnumerable<Option> All => [Start, End, FinalFactor];

    /// <summary>The decay given, or null; a usage error for one epoch without the other or an end not after the start.</summary>
    public LearningRateDecay? Parse(ParseResult parse)
    {
        int? start = parse.GetValue(Start), end = parse.GetValue(End);
        if (start is null && end is null) return null;
        if (start is null || end is null) throw new UsageException("--lr-decay-start and --lr-decay-end go together: give both epochs or neither");
        if (end <= start) throw new UsageException($"--lr-decay-end {end}: must be after --lr-decay-start {start}");
        return new LearningRateDecay(start.Value, end.Value, parse.GetValue(FinalFactor));
    }
}
