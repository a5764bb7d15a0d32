namespace TemKit.Neural.Tensors;

/// <summary>A trainable array of weights with its gradient accumulator (same length) and a name for checkpoints.</summary>
public sealed class Parameter
{
    /// <summary>Creates a zero-initialised parameter.</summary>
    public Parameter(string name, params int[] shape)
    {
        Name = name;
        Shape = shape;
        long n = 1;
        foreach (int s in shape) n *= s;
        Value = new float[checked((int)n)];
        Grad = new float[Value.Length];
    }

    /// <summary>Unique name inside its network, e.g. "layer12.weight".</summary>
    public string Name { get; }

    /// <summary>Logical shape (for the checkpoint header).</summary>
    public int[] Shape { get; }

    /// <summary>Current values.</summary>
    public float[] Value { get; }

    /// <summary>Gradient of the loss with respect to <see cref="Value"/>, accumulated by backward passes.</summary>
    public float[] Grad { get; }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Array.Clear(Grad);

    /// <summary>Fills with normal random values of standard deviation <paramref name="std"/> (Box-Muller).</summary>
    public void InitNormal(Random rng, double std)
    {
        for (int i = 0; i < Value.Length; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            Value[i] = (float)(std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
