using System.Collections.Concurrent;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Dispatch;

/// <summary>
/// INTERNAL API: builds mailboxes for props from the dispatcher id (its throughput) and mailbox id (unbounded or
/// bounded with capacity and push timeout). Config is read once per id and cached.
/// </summary>
internal sealed class Dispatchers(Config config)
{
    private readonly ConcurrentDictionary<string, int> _throughput = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<IMessageQueue>> _queues = new(StringComparer.Ordinal);

    public Mailbox CreateMailbox(Props props)
    {
        int throughput = _throughput.GetOrAdd(props.Dispatcher, ReadThroughput);
        var queue = _queues.GetOrAdd(props.Mailbox, ReadMailbox)();
        return new Mailbox(queue, throughput);
    }

    private int ReadThroughput(string id)
    {
        var section = config.GetConfig(id);
        if (section.IsEmpty) throw new ConfigurationException($"dispatcher '{id}' is not configured");
        return section.GetInt("throughput", 30);
    }

    private Func<IMessageQueue> ReadMailbox(string id)
    {
        var section = config.GetConfig(id);
        if (section.IsEmpty) throw new ConfigurationException($"mailbox '{id}' is not configured");
        switch (section.GetString("mailbox-type", "unbounded"))
        {
            case "unbounded":
            case "Akka.Dispatch.UnboundedMailbox":
                return static () => new UnboundedMessageQueue();
            case "bounded":
            case "Akka.Dispatch.BoundedMailbox":
                int capacity = section.GetInt("mailbox-capacity", 1000);
                var timeout = section.GetTimeSpan("mailbox-push-timeout-time", TimeSpan.FromSeconds(10));
                if (capacity <= 0) throw new ConfigurationException($"mailbox '{id}': mailbox-capacity must be positive");
                return () => new BoundedMessageQueue(capacity, timeout);
            case var other:
                throw new ConfigurationException($"mailbox '{id}': unknown mailbox-type '{other}'");
        }
    }
}
