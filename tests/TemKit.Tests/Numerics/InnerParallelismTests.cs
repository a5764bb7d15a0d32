using TemKit.Fourier;
using TemKit.Numerics;

namespace TemKit.Tests.Numerics;

public class InnerParallelismTests
{
    [Fact]
    public void ScopesNestAndTheDefaultScopeChangesNothing()
    {
        Assert.False(InnerParallelism.IsSerial);
        using (default(InnerParallelism.Scope)) Assert.False(InnerParallelism.IsSerial);
        Assert.False(InnerParallelism.IsSerial);
        using (InnerParallelism.Serial())
        {
            using (InnerParallelism.Serial()) Assert.True(InnerParallelism.IsSerial);
            Assert.True(InnerParallelism.IsSerial);
        }
        Assert.False(InnerParallelism.IsSerial);
    }

    [Fact]
    public void TheScopeIsPerThread()
    {
        using var serial = InnerParallelism.Serial();
        bool other = true;
        var thread = new Thread(() => other = InnerParallelism.IsSerial);
        thread.Start();
        thread.Join();
        Assert.False(other);
    }

    [Fact]
    public void SerialFftGivesTheSameResultAsTheParallelOne()
    {
        const int n = 256;
        var rng = new Random(4);
        var input = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var parallel = new ComplexF[n * (n / 2 + 1)];
        var serialOut = new ComplexF[n * (n / 2 + 1)];
        Fft.Managed.ForwardReal(input, parallel, n, n);
        using (InnerParallelism.Serial()) Fft.Managed.ForwardReal(input, serialOut, n, n);
        Assert.Equal(parallel, serialOut);
    }
}
