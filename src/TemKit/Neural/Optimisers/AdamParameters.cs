namespace TemKit.Neural.Optimisers;

/// <summary>Adam settings (Kingma &amp; Ba 2015); AMSGrad (Reddi et al. 2018) keeps the running maximum of the second moment, as used in SOI A.2.</summary>
/// <param name="LearningRate">Step size (the paper uses 1e-3).</param>
/// <param name="Beta1">Decay of the first-moment average.</param>
/// <param name="Beta2">Decay of the second-moment average.</param>
/// <param name="Epsilon">Added to the denominator.</param>
/// <param name="AmsGrad">Use the AMSGrad variant.</param>
public sealed record AdamParameters(double LearningRate = 1e-3, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8, bool AmsGrad = true);
