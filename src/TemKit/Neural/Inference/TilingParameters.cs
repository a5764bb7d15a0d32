namespace TemKit.Neural.Inference;

/// <summary>Tiled inference settings (paper 003: windows across large images, blended with Hamming weights).</summary>
/// <param name="TileSize">Tile side (px); must be a multiple of the network's size multiple.</param>
/// <param name="Overlap">Minimum overlap of neighbouring tiles (px).</param>
public sealed record TilingParameters(int TileSize = 256, int Overlap = 64);
