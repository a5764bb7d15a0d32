using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;

namespace TemKit.Neural.Training;

/// <summary>
/// A model being trained, as the shared epoch loop (<c>TemKit.Pipelines.Training.TrainingJob.Train</c>) drives it: the
/// loop numbers the epochs, reports progress per optimiser step, records the learning curve, writes the checkpoint and
/// the curve after every epoch and stops on cancellation or a time limit; the task says what one epoch is (its data,
/// batches, loss and validation) and how its model file is written. Implemented for segmentation/regression networks
/// on in-memory samples (<see cref="Trainer"/>) and for the tilt-series frame interpolator (samples streamed from disk).
/// </summary>
public interface ITrainingTask
{
    /// <summary>Where the run stands before the loop starts: epochs done, seed, learning curve, run settings.</summary>
    TrainingState State { get; }

    /// <summary>Optimiser steps in one epoch (for progress; may be approximate when samples are drawn at random).</summary>
    int StepsPerEpoch { get; }

    /// <summary>The optimiser the epochs step (the loop sets its <see cref="Adam.LearningRateFactor"/> from a learning-rate schedule).</summary>
    Adam Optimiser { get; }

    /// <summary>Title and axes of the learning curve.</summary>
    LearningCurveAxes Curve { get; }

    /// <summary>
    /// Trains epoch <paramref name="epoch"/> (1-based) and validates; calls <paramref name="stepDone"/> after every
    /// optimiser step. Throws <see cref="TrainingDivergedException"/> when the loss or a weight stops being finite.
    /// </summary>
    EpochRecord RunEpoch(int epoch, Action? stepDone, CancellationToken cancel);

    /// <summary>Writes the model file (weights, optimiser state and <paramref name="state"/>) atomically to <paramref name="path"/>.</summary>
    void Save(string path, TrainingState state);
}
