namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>Count, mean and sum of squared deviations (Welford), mergeable with Chan et al.'s pairwise formula.</summary>
internal struct Moments
{
    public long Count;
    public double Mean;
    public double M2;

    public static Moments Of(double x) => new() { Count = 1, Mean = x, M2 = 0 };

    public static Moments Add(Moments m, double x)
    {
        m.Count++;
        double delta = x - m.Mean;
        m.Mean += delta / m.Count;
        m.M2 += delta * (x - m.Mean);
        return m;
    }

    public static Moments Combine(Moments a, Moments b)
    {
        if (a.Count == 0) return b;
        if (b.Count == 0) return a;
        long n = a.Count + b.Count;
        double delta = b.Mean - a.Mean;
        return new Moments
        {
            Count = n,
            Mean = a.Mean + delta * b.Count / n,
            M2 = a.M2 + b.M2 + delta * delta * a.Count * b.Count / n,
        };
    }
}

/// <summary>Which statistic a <see cref="VarianceFold{TKind}"/> finishes with.</summary>
internal interface IVarianceKind
{
    /// <summary>The statistic, or null when undefined (a sample statistic of one row).</summary>
    static abstract double? Finish(in Moments m);
}

internal struct VarSamp : IVarianceKind { public static double? Finish(in Moments m) => m.Count < 2 ? null : Math.Max(0, m.M2 / (m.Count - 1)); }
internal struct VarPop : IVarianceKind { public static double? Finish(in Moments m) => Math.Max(0, m.M2 / m.Count); }
internal struct StddevSamp : IVarianceKind { public static double? Finish(in Moments m) => m.Count < 2 ? null : Math.Sqrt(Math.Max(0, m.M2 / (m.Count - 1))); }
internal struct StddevPop : IVarianceKind { public static double? Finish(in Moments m) => Math.Sqrt(Math.Max(0, m.M2 / m.Count)); }
