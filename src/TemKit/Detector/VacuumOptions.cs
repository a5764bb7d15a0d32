namespace TemKit.Detector;

/// <summary>Settings of the automatic vacuum search (<see cref="VacuumFinder"/>).</summary>
/// <param name="TileSizePx">Tile edge (px).</param>
/// <param name="ReferencePercentile">Percentile (0..1) of tile variance/mean taken as the pure-noise reference;
/// specimen only adds variance, so vacuum sits at the low end.</param>
/// <param name="MinRatioTolerance">Smallest relative tolerance on variance/mean.</param>
/// <param name="MeanTolerance">Relative tolerance on the tile mean (slow illumination gradients), added to 5 standard errors.</param>
public sealed record VacuumOptions(int TileSizePx = 128, double ReferencePercentile = 0.2, double MinRatioTolerance = 0.1, double MeanTolerance = 0.03);
