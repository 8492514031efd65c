using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors.Tests.Core;

public sealed class EventStreamSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed record Animal(string Name);

    [Fact]
    public void Subscribers_get_events_of_their_channel_and_subtypes()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(object));
        Sys.EventStream.Publish(new Animal("cat"));
        ExpectMsg(new Animal("cat"));
        Sys.EventStream.Unsubscribe(TestActor);
        Sys.EventStream.Publish(new Animal("dog"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class Chatty : ReceiveActor
    {
        public Chatty()
        {
            var log = Context.GetLogger();
            Receive<string>(s => log.Warning("warned about {0}", s));
            Receive<int>(n => log.Debug("debug {0}", n));
        }
    }

    [Fact]
    public void Logging_adapters_publish_events_that_EventFilter_can_count()
    {
        var actor = Sys.ActorOf(Props.Create<Chatty>(), "chatty");
        EventFilter.Warning(message: "warned about x").ExpectOne(() => actor.Tell("x"));
    }

    [Fact]
    public void Events_below_the_configured_level_are_not_published()
    {
        var actor = Sys.ActorOf(Props.Create<Chatty>());
        Sys.EventStream.Subscribe(TestActor, typeof(Debug));
        actor.Tell(1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void EventFilter_fails_when_the_count_differs()
    {
        var actor = Sys.ActorOf(Props.Create<Chatty>());
        Assert.Throws<ActorWarehouse.Actors.TestKit.TestKitAssertionException>(() =>
            EventFilter.Warning(contains: "never").ExpectOne(() => actor.Tell("y"), TimeSpan.FromMilliseconds(200)));
    }
}
