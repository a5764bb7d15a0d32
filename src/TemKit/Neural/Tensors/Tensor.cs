using System.Buffers;

namespace TemKit.Neural.Tensors;

/// <summary>
/// A float32 tensor in NCHW layout (batch, channel, row, column; column fastest) on a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>. Dispose returns the buffer; a disposed tensor must not be used.
/// </summary>
public sealed class Tensor : IDisposable
{
    private float[]? _buffer;

    private Tensor(int n, int c, int h, int w, bool clear)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(c);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(h);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(w);
        N = n;
        C = c;
        H = h;
        W = w;
        Length = checked(n * c * h * w);
        _buffer = ArrayPool<float>.Shared.Rent(Length);
        if (clear) Array.Clear(_buffer, 0, Length);
    }

    /// <summary>A tensor with every element zero.</summary>
    public static Tensor Zeros(int n, int c, int h, int w) => new(n, c, h, w, clear: true);

    /// <summary>A tensor whose contents are unspecified (the caller overwrites every element).</summary>
    public static Tensor Uninitialised(int n, int c, int h, int w) => new(n, c, h, w, clear: false);

    /// <summary>A tensor holding a copy of <paramref name="values"/> (length n*c*h*w).</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> values, int n, int c, int h, int w)
    {
        var t = Uninitialised(n, c, h, w);
        if (values.Length != t.Length) throw new ArgumentException($"{values.Length} values for a {n}x{c}x{h}x{w} tensor", nameof(values));
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>Batch size.</summary>
    public int N { get; }

    /// <summary>Channels.</summary>
    public int C { get; }

    /// <summary>Rows (height in pixels).</summary>
    public int H { get; }

    /// <summary>Columns (width in pixels).</summary>
    public int W { get; }

    /// <summary>Number of elements, N*C*H*W.</summary>
    public int Length { get; }

    /// <summary>Elements in one channel plane, H*W.</summary>
    public int PlaneLength => H * W;

    /// <summary>The underlying pooled array (may be longer than <see cref="Length"/>).</summary>
    public float[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Tensor));

    /// <summary>All elements.</summary>
    public Span<float> Span => Buffer.AsSpan(0, Length);

    /// <summary>One channel plane of one sample.</summary>
    public Span<float> Plane(int n, int c) => Buffer.AsSpan((n * C + c) * PlaneLength, PlaneLength);

    /// <summary>All channels of one sample.</summary>
    public Span<float> Sample(int n) => Buffer.AsSpan(n * C * PlaneLength, C * PlaneLength);

    /// <summary>Element (n, c, y, x).</summary>
    public float this[int n, int c, int y, int x]
    {
        get => Buffer[((n * C + c) * H + y) * W + x];
        set => Buffer[((n * C + c) * H + y) * W + x] = value;
    }

    /// <summary>True when both tensors have the same N, C, H, W.</summary>
    public bool SameShape(Tensor other) => N == other.N && C == other.C && H == other.H && W == other.W;

    /// <summary>Shape as text, e.g. "1x32x256x256".</summary>
    public string ShapeText => $"{N}x{C}x{H}x{W}";

    /// <inheritdoc />
    public void Dispose()
    {
        var b = _buffer;
        _buffer = null;
        if (b != null) ArrayPool<float>.Shared.Return(b);
    }
}
