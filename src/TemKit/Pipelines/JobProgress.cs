namespace TemKit.Pipelines;

/// <summary>Progress of one stage of a library job, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Stage">What is being done, e.g. a file name or "simulating"; a new stage name starts a new bar.</param>
/// <param name="Done">Items of the stage finished so far.</param>
/// <param name="Total">Items in the stage.</param>
public readonly record struct JobProgress(string Stage, int Done, int Total);
