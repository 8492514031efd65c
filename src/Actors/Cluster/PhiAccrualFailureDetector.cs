namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// The phi accrual failure detector (Hayashibara et al.), as Akka uses it: heartbeat inter-arrival times are
/// kept in a bounded window; phi(t) = −log10(1 − F(t)) where F is the normal distribution with the observed mean
/// plus the acceptable pause and the observed standard deviation (at least <c>min-std-deviation</c>),
/// approximated by a logistic curve. The resource is suspected when phi reaches the threshold.
/// Not thread-safe: one owner calls it. Time comes from <paramref name="clock"/> in milliseconds.
/// </summary>
public sealed class PhiAccrualFailureDetector(
    double threshold, int maxSampleSize, TimeSpan minStdDeviation, TimeSpan acceptableHeartbeatPause,
    TimeSpan firstHeartbeatEstimate, Func<long>? clock = null)
{
    private readonly Func<long> _clock = clock ?? (() => Environment.TickCount64);
    private readonly HeartbeatHistory _history = new(maxSampleSize);
    private readonly double _minStdDeviationMs = minStdDeviation.TotalMilliseconds;
    private readonly double _acceptablePauseMs = acceptableHeartbeatPause.TotalMilliseconds;
    private long? _lastTimestamp;

    public double Threshold { get; } = threshold;

    /// <summary>True once at least one heartbeat arrived.</summary>
    public bool IsMonitoring => _lastTimestamp is not null;

    public bool IsAvailable => Phi() < Threshold;

    public void HeartBeat()
    {
        long now = _clock();
        if (_lastTimestamp is { } last)
        {
            long interval = now - last;
            // A long silence (a suspected period) must not stretch the statistics.
            if (IsAvailableAt(now)) _history.Add(interval);
        }
        else
        {
            // Bootstrap with two intervals around the expected one, so phi is meaningful from the start.
            double mean = firstHeartbeatEstimate.TotalMilliseconds;
            double stdDeviation = mean / 4;
            _history.Add((long)(mean - stdDeviation));
            _history.Add((long)(mean + stdDeviation));
        }
        _lastTimestamp = now;
    }

    private bool IsAvailableAt(long now) => PhiAt(now) < Threshold;

    public double Phi() => PhiAt(_clock());

    private double PhiAt(long now)
    {
        if (_lastTimestamp is not { } last) return 0.0;
        double timeDiff = now - last;
        double mean = _history.Mean + _acceptablePauseMs;
        double stdDeviation = Math.Max(_history.StdDeviation, _minStdDeviationMs);
        return Phi(timeDiff, mean, stdDeviation);
    }

    /// <summary>−log10(1 − F(timeDiff)) with F the logistic approximation of the normal CDF.</summary>
    public static double Phi(double timeDiff, double mean, double stdDeviation)
    {
        double y = (timeDiff - mean) / stdDeviation;
        double e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        return timeDiff > mean ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }

    /// <summary>A bounded window of intervals with running sums for mean and variance.</summary>
    private sealed class HeartbeatHistory(int maxSampleSize)
    {
        private readonly Queue<long> _intervals = new();
        private double _sum;
        private double _squaredSum;

        public void Add(long interval)
        {
            if (_intervals.Count >= maxSampleSize)
            {
                long old = _intervals.Dequeue();
                _sum -= old;
                _squaredSum -= (double)old * old;
            }
            _intervals.Enqueue(interval);
            _sum += interval;
            _squaredSum += (double)interval * interval;
        }

        public double Mean => _intervals.Count == 0 ? 0 : _sum / _intervals.Count;

        public double StdDeviation
        {
            get
            {
                if (_intervals.Count == 0) return 0;
                double mean = Mean;
                double variance = _squaredSum / _intervals.Count - mean * mean;
                return Math.Sqrt(Math.Max(variance, 0));
            }
        }
    }
}
