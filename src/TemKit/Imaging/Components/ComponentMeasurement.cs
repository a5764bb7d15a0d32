namespace TemKit.Imaging.Components;

/// <summary>
/// One connected component (a particle) of a mask. Pixel coordinates have pixel centres at integers, x to the right
/// and y down from the first pixel of the first row; nm values are NaN when the pixel size is unknown.
/// </summary>
/// <param name="Label">Component number 1..count (raster order of its first pixel).</param>
/// <param name="AreaPx">Pixels in the component.</param>
/// <param name="AreaNm2">Area (nm²): pixels × pixel width × pixel height.</param>
/// <param name="EquivalentDiameterPx">Diameter of the disc of the same area (px): 2·√(area/π).</param>
/// <param name="EquivalentDiameterNm">Diameter of the disc of the same area (nm): 2·√(area/π).</param>
/// <param name="CentroidXPx">Mean x of the component's pixels (px).</param>
/// <param name="CentroidYPx">Mean y of the component's pixels (px).</param>
/// <param name="CentroidXNm">Centroid x (nm from the centre of the first pixel).</param>
/// <param name="CentroidYNm">Centroid y (nm).</param>
/// <param name="MinXPx">Bounding box: first column (px, inclusive).</param>
/// <param name="MinYPx">Bounding box: first row (px, inclusive).</param>
/// <param name="MaxXPx">Bounding box: last column (px, inclusive).</param>
/// <param name="MaxYPx">Bounding box: last row (px, inclusive).</param>
/// <param name="MeanProbability">Mean foreground probability over the component's pixels (NaN without a probability map).</param>
/// <param name="TouchesEdge">True when the component reaches the image border (its size may be cut).</param>
public sealed record ComponentMeasurement(
    int Label, long AreaPx, double AreaNm2, double EquivalentDiameterPx, double EquivalentDiameterNm,
    double CentroidXPx, double CentroidYPx, double CentroidXNm, double CentroidYNm,
    int MinXPx, int MinYPx, int MaxXPx, int MaxYPx, double MeanProbability, bool TouchesEdge);
