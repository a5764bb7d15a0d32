using TemKit.Fourier;
using TemKit.Simulation.Multislice;

namespace TemKit.Tests.Simulation;

public class ComplexOpsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(129)]
    [InlineData(70001)]   // several parallel chunks with a ragged end
    public void KernelsMatchTheNaiveFormulas(int n)
    {
        var rng = new Random(n);
        var a = new ComplexF[n];
        var b = new ComplexF[n];
        var phase = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = new ComplexF((float)rng.NextDouble() - 0.5f, (float)rng.NextDouble() - 0.5f);
            b[i] = new ComplexF((float)rng.NextDouble() - 0.5f, (float)rng.NextDouble() - 0.5f);
            phase[i] = (float)(20 * rng.NextDouble());
        }
        var product = (ComplexF[])a.Clone();
        ComplexOps.Multiply(product, b);
        var exp = new ComplexF[n];
        ComplexOps.Exp(phase, 0.3f, exp, new float[n], new float[n]);
        for (int i = 0; i < n; i++)
        {
            double re = (double)a[i].Re * b[i].Re - (double)a[i].Im * b[i].Im, im = (double)a[i].Re * b[i].Im + (double)a[i].Im * b[i].Re;
            Assert.Equal(re, product[i].Re, 1e-6);
            Assert.Equal(im, product[i].Im, 1e-6);
            Assert.Equal(Math.Cos(0.3 * phase[i]), exp[i].Re, 1e-5);
            Assert.Equal(Math.Sin(0.3 * phase[i]), exp[i].Im, 1e-5);
        }
    }
}
