using ActorWarehouse.Actors.Cluster;

namespace ActorWarehouse.Actors.Tests.Cluster;

public sealed class PhiAccrualFailureDetectorSpec
{
    private long _now;

    private PhiAccrualFailureDetector Detector(double threshold = 8.0) =>
        new(threshold, 1000, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), () => _now);

    [Fact]
    public void Phi_follows_the_logistic_approximation_of_the_normal_distribution()
    {
        Assert.Equal(0.30103, PhiAccrualFailureDetector.Phi(1000, 1000, 100), 4); // at the mean: -log10(0.5)
        Assert.True(PhiAccrualFailureDetector.Phi(1100, 1000, 100) > PhiAccrualFailureDetector.Phi(1000, 1000, 100));
        Assert.InRange(PhiAccrualFailureDetector.Phi(1400, 1000, 100), 4.0, 5.5);
    }

    [Fact]
    public void A_monitored_node_is_available_while_heartbeats_arrive_on_time()
    {
        var d = Detector();
        Assert.True(d.IsAvailable); // nothing heard yet: not suspected
        for (int i = 0; i < 10; i++)
        {
            d.HeartBeat();
            _now += 1000;
        }
        Assert.True(d.IsAvailable);
        Assert.True(d.Phi() < 1.0);
    }

    [Fact]
    public void With_the_default_settings_a_node_is_suspected_after_about_four_to_five_seconds_of_silence()
    {
        var d = Detector();
        for (int i = 0; i < 20; i++)
        {
            d.HeartBeat();
            _now += 1000;
        }
        _now += 2000; // 3 s since the last heartbeat: within the acceptable pause
        Assert.True(d.IsAvailable);
        _now += 3000; // 6 s
        Assert.False(d.IsAvailable);
        Assert.True(d.Phi() >= 8.0);
    }

    [Fact]
    public void A_heartbeat_after_a_suspicion_makes_the_node_available_again()
    {
        var d = Detector();
        d.HeartBeat();
        _now += 20_000;
        Assert.False(d.IsAvailable);
        d.HeartBeat();
        Assert.True(d.IsAvailable);
    }
}
