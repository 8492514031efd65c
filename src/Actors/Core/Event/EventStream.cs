namespace ActorWarehouse.Actors.Event;

/// <summary>
/// Publish/subscribe by type within one actor system: dead letters, unhandled messages, log events and
/// anything the application publishes. Subscribers get every event assignable to the channel they chose.
/// </summary>
public sealed class EventStream
{
    private abstract record Subscription(Type Channel);
    private sealed record ActorSubscription(Type Channel, IActorRef Subscriber) : Subscription(Channel);
    private sealed record CallbackSubscription(Type Channel, Action<object> Callback, object Token) : Subscription(Channel);

    private Subscription[] _subscriptions = [];
    private readonly Lock _lock = new();

    /// <summary>Delivers events of <paramref name="channel"/> (and subtypes) to the actor; false if already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            if (_subscriptions.Any(s => s is ActorSubscription a && a.Subscriber.Equals(subscriber) && a.Channel == channel)) return false;
            _subscriptions = [.. _subscriptions, new ActorSubscription(channel, subscriber)];
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            int before = _subscriptions.Length;
            _subscriptions = _subscriptions.Where(s => !(s is ActorSubscription a && a.Subscriber.Equals(subscriber) && a.Channel == channel)).ToArray();
            return _subscriptions.Length != before;
        }
    }

    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_lock)
        {
            int before = _subscriptions.Length;
            _subscriptions = _subscriptions.Where(s => !(s is ActorSubscription a && a.Subscriber.Equals(subscriber))).ToArray();
            return _subscriptions.Length != before;
        }
    }

    /// <summary>Ours: a synchronous listener (loggers, test probes). Dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Type channel, Action<object> callback)
    {
        var token = new object();
        lock (_lock) _subscriptions = [.. _subscriptions, new CallbackSubscription(channel, callback, token)];
        return new Unsubscriber(this, token);
    }

    private sealed class Unsubscriber(EventStream stream, object token) : IDisposable
    {
        public void Dispose()
        {
            lock (stream._lock)
                stream._subscriptions = stream._subscriptions.Where(s => !(s is CallbackSubscription c && c.Token == token)).ToArray();
        }
    }

    public void Publish(object @event)
    {
        var subs = Volatile.Read(ref _subscriptions);
        var type = @event.GetType();
        foreach (var s in subs)
        {
            if (!s.Channel.IsAssignableFrom(type)) continue;
            switch (s)
            {
                case ActorSubscription a:
                    a.Subscriber.Tell(@event, ActorRefs.NoSender);
                    break;
                case CallbackSubscription c:
                    try { c.Callback(@event); }
                    catch (Exception e) { Console.Error.WriteLine($"event stream listener failed: {e}"); }
                    break;
            }
        }
    }
}
