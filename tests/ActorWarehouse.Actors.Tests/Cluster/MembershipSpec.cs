using ActorWarehouse.Actors.Cluster;
using static ActorWarehouse.Actors.Tests.Cluster.ClusterTestData;

namespace ActorWarehouse.Actors.Tests.Cluster;

public sealed class MembershipSpec
{
    [Theory]
    [InlineData(MemberStatus.Joining, MemberStatus.Up)]
    [InlineData(MemberStatus.Joining, MemberStatus.WeaklyUp)]
    [InlineData(MemberStatus.WeaklyUp, MemberStatus.Up)]
    [InlineData(MemberStatus.Up, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Leaving, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Removed)]
    [InlineData(MemberStatus.Up, MemberStatus.Down)]
    [InlineData(MemberStatus.Down, MemberStatus.Removed)]
    public void Allowed_member_status_transitions_are_accepted(MemberStatus from, MemberStatus to) =>
        Assert.True(Member.IsAllowedTransition(from, to));

    [Theory]
    [InlineData(MemberStatus.Up, MemberStatus.Joining)]
    [InlineData(MemberStatus.Up, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Leaving, MemberStatus.Up)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Down, MemberStatus.Up)]
    [InlineData(MemberStatus.Removed, MemberStatus.Up)]
    [InlineData(MemberStatus.Joining, MemberStatus.Exiting)]
    public void Disallowed_member_status_transitions_throw(MemberStatus from, MemberStatus to)
    {
        Assert.False(Member.IsAllowedTransition(from, to));
        var m = new Member(Node(1), 1, from, []);
        Assert.Throws<InvalidOperationException>(() => m.Copy(to));
    }

    [Fact]
    public void Status_precedence_picks_the_more_advanced_status_when_gossips_disagree()
    {
        var up = Up(1, 1);
        var leaving = up.Copy(MemberStatus.Leaving);
        var down = up.Copy(MemberStatus.Down);
        Assert.Same(leaving, Member.HighestPriorityOf(up, leaving));
        Assert.Same(down, Member.HighestPriorityOf(leaving, down));
        Assert.Same(up, Member.HighestPriorityOf(up, Joining(1)));
    }

    [Fact]
    public void Age_is_the_up_number_and_ties_go_to_the_lower_address()
    {
        Assert.True(Up(9, 1).IsOlderThan(Up(2, 2)));
        Assert.True(Up(2, 3).IsOlderThan(Up(9, 3)));
        Assert.False(Joining(1).IsOlderThan(Up(9, 100)));
    }

    [Fact]
    public void Members_are_equal_per_incarnation_whatever_their_status()
    {
        Assert.Equal(Up(1, 1), Joining(1));
        Assert.NotEqual(Member.Create(Node(1, uid: 1), []), Member.Create(Node(1, uid: 2), []));
    }
}
