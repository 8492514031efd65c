namespace ActorWarehouse.Actors.Tests.Core;

public sealed class SelectionSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed class Node : ReceiveActor
    {
        public Node()
        {
            Receive<string[]>(names => { foreach (var n in names) Context.ActorOf(Props.Create<Node>(), n); Sender.Tell("created"); });
            Receive<string>(s => s.StartsWith("sel:"), s => Context.ActorSelection(s[4..]).Tell("ping", Sender));
            Receive<string>(s => s == "ping", _ => Sender.Tell(Self.Path.Name));
        }
    }

    private IActorRef Tree()
    {
        var root = Sys.ActorOf(Props.Create<Node>(), "root");
        root.Tell(new[] { "a1", "a2", "b1" }, TestActor);
        ExpectMsg("created");
        return root;
    }

    [Fact]
    public void An_absolute_selection_reaches_the_actor()
    {
        Tree();
        Sys.ActorSelection("/user/root/a1").Tell("ping", TestActor);
        ExpectMsg("a1");
    }

    [Fact]
    public void A_wildcard_selection_reaches_every_match()
    {
        Tree();
        Sys.ActorSelection("/user/root/a*").Tell("ping", TestActor);
        ExpectMsgAllOf("a1", "a2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_relative_selection_walks_up_with_dot_dot()
    {
        Tree();
        Sys.ActorSelection("/user/root/a1").Tell("sel:../b1", TestActor);
        ExpectMsg("b1");
    }

    [Fact]
    public async Task ResolveOne_returns_the_ref_or_fails_with_ActorNotFound()
    {
        var root = Tree();
        var found = await Sys.ActorSelection("/user/root").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Equal(root, found);
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/nothing").ResolveOne(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Identify_answers_with_an_empty_identity_when_nothing_lives_there()
    {
        Sys.ActorSelection("/user/ghost").Tell(new Identify(7), TestActor);
        var id = ExpectMsg<ActorIdentity>();
        Assert.Equal(7, id.MessageId);
        Assert.Null(id.Subject);
    }

    [Fact]
    public void A_full_address_selection_of_the_local_system_resolves_locally()
    {
        var root = Tree();
        Sys.ActorSelection($"akka://{Sys.Name}/user/root").Tell(new Identify("x"), TestActor);
        Assert.Equal(root, ExpectMsg<ActorIdentity>().Subject);
    }
}
