using System.Text.Json.Nodes;
using ActorWarehouse.Actors.Cluster;

namespace ActorWarehouse.Actors.Management.Palettes;

/// <summary>
/// The <c>cluster</c> palette (needs <c>akka.actor.provider = cluster</c>): show, status, leader, join, leave,
/// down, down-unreachable and tail. Actions are requests to the cluster; their effect shows in later commands.
/// </summary>
public sealed class ClusterCommands() : CommandPaletteHandler(Definition)
{
    public static readonly CommandPalette Definition = new("cluster", "cluster membership as this node sees it",
    [
        new CommandDefinitionBuilder().WithName("show").WithDescription("every member: address | [roles] | status | reachability").Build(),
        new CommandDefinitionBuilder().WithName("unreachable").WithDescription("the members this node's cluster sees as unreachable").Build(),
        new CommandDefinitionBuilder().WithName("status").WithDescription("this node's member line and its cluster traffic counters").Build(),
        new CommandDefinitionBuilder().WithName("leader").WithDescription("the leader's address").Build(),
        new CommandDefinitionBuilder().WithName("join").WithDescription("make this node join the cluster of an address")
            .WithArgument(a => a.WithName("address").WithSwitch("-a").WithDescription("akka.tcp://SYSTEM@HOST:PORT").IsMandatory(true)).Build(),
        new CommandDefinitionBuilder().WithName("leave").WithDescription("make a member leave gracefully (default: this node)")
            .WithArgument(a => a.WithName("address").WithSwitch("-a").WithDescription("member address")).Build(),
        new CommandDefinitionBuilder().WithName("down").WithDescription("mark a member Down (it is removed without a graceful leave)")
            .WithArgument(a => a.WithName("address").WithSwitch("-a").WithDescription("member address").IsMandatory(true)).Build(),
        new CommandDefinitionBuilder().WithName("down-unreachable").WithDescription("mark every unreachable member Down").Build(),
        new CommandDefinitionBuilder().WithName("tail").WithDescription("stream membership and reachability events until cancelled").Streaming().Build(),
    ]);

    public override Props HandlerProps => Props.CreateBy(() => new Handler());

    private sealed class Handler : CommandHandlerActor
    {
        private readonly Cluster.Cluster _cluster = Cluster.Cluster.Get(Context.System);
        private IActorRef? _tailTarget;
        private bool _tailJson;

        public Handler() : base(Definition)
        {
            Process("show", Show);
            Process("status", Status);
            Process("unreachable", command =>
            {
                var unreachable = _cluster.State.Unreachable.OrderBy(m => m.Address).ToList();
                if (command.Json)
                {
                    Complete(new JsonObject { ["members"] = new JsonArray([.. unreachable.Select(m => ClusterFormat.MemberJson(m, true))]), ["count"] = unreachable.Count }.ToJsonString());
                    return;
                }
                foreach (var member in unreachable) Reply(ClusterFormat.MemberLine(member, true));
                Complete($"Count: {unreachable.Count} unreachable");
            });
            Process("leader", command =>
            {
                var leader = _cluster.State.Leader;
                if (command.Json) Complete(new JsonObject { ["leader"] = leader?.ToString() }.ToJsonString());
                else Complete(leader?.ToString() ?? "no leader (this node has not joined a cluster)");
            });
            Process("join", command =>
            {
                if (!TryAddress(command, out var address)) return;
                _cluster.Join(address);
                Complete(command.Json ? new JsonObject { ["joining"] = address.ToString() }.ToJsonString() : $"joining cluster at {address}");
            });
            Process("leave", command =>
            {
                var address = _cluster.SelfAddress;
                if (command.Has("address") && !TryAddress(command, out address)) return;
                if (!IsMember(address)) return;
                _cluster.Leave(address);
                Complete(command.Json ? new JsonObject { ["leaving"] = address.ToString() }.ToJsonString() : $"{address} is leaving the cluster");
            });
            Process("down", command =>
            {
                if (!TryAddress(command, out var address) || !IsMember(address)) return;
                _cluster.Down(address);
                Complete(command.Json ? new JsonObject { ["downed"] = new JsonArray(address.ToString()) }.ToJsonString() : $"{address} marked down");
            });
            Process("down-unreachable", command =>
            {
                var unreachable = _cluster.State.Unreachable.OrderBy(m => m.Address).ToList();
                foreach (var member in unreachable) _cluster.Down(member.Address);
                if (command.Json)
                {
                    Complete(new JsonObject { ["downed"] = new JsonArray([.. unreachable.Select(m => JsonValue.Create(m.Address.ToString()))]) }.ToJsonString());
                    return;
                }
                foreach (var member in unreachable) Reply($"{member.Address} marked down");
                Complete(unreachable.Count == 0 ? "no unreachable members" : null);
            });
            Process("tail", command =>
            {
                if (_tailTarget is not null) _cluster.Unsubscribe(Self);
                _tailTarget = Sender;
                _tailJson = command.Json;
                _cluster.Subscribe(Self, ClusterEvent.InitialStateAsEvents,
                    typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged), typeof(ClusterEvent.ClusterShuttingDown));
            });
            Receive<ClusterEvent.IClusterDomainEvent>(OnClusterEvent);
        }

        private void Show(Command command)
        {
            var state = _cluster.State;
            var members = state.Members.Concat(state.Unreachable.Where(u => !state.Members.Contains(u))).OrderBy(m => m.Address).ToList();
            if (command.Json)
            {
                Complete(new JsonObject
                {
                    ["self"] = _cluster.SelfAddress.ToString(),
                    ["leader"] = state.Leader?.ToString(),
                    ["members"] = new JsonArray([.. members.Select(m => ClusterFormat.MemberJson(m, ClusterFormat.IsUnreachable(state, m)))]),
                    ["count"] = members.Count,
                }.ToJsonString());
                return;
            }
            foreach (var member in members) Reply(ClusterFormat.MemberLine(member, ClusterFormat.IsUnreachable(state, member)));
            Complete($"Count: {members.Count} nodes");
        }

        private void Status(Command command)
        {
            var state = _cluster.State;
            var self = _cluster.SelfMember;
            var traffic = _cluster.Statistics.Snapshot();
            if (command.Json)
            {
                var json = ClusterFormat.MemberJson(self, ClusterFormat.IsUnreachable(state, self));
                json["leader"] = state.Leader?.ToString();
                json["member"] = state.Members.Any(m => m.UniqueAddress.Equals(self.UniqueAddress));
                json["traffic"] = ClusterFormat.TrafficJson(traffic);
                json["uptimeSeconds"] = Math.Round((DateTime.UtcNow - Context.System.StartTime).TotalSeconds, 1);
                Complete(json.ToJsonString());
                return;
            }
            Reply(ClusterFormat.MemberLine(self, ClusterFormat.IsUnreachable(state, self)));
            if (!state.Members.Any(m => m.UniqueAddress.Equals(self.UniqueAddress)))
                Reply(_cluster.IsTerminated ? "this node has left its cluster (or was removed)" : "this node is not a member yet (joining through its seeds)");
            Complete(ClusterFormat.TrafficLine(traffic));
        }

        private bool TryAddress(Command command, out Address address)
        {
            var text = command.Value("address") ?? "";
            try
            {
                address = Address.Parse(text);
                if (address.HasGlobalScope) return true;
            }
            catch (UriFormatException) { }
            address = null!;
            Fail($"'{text}' is not a member address such as akka.tcp://{Context.System.Name}@127.0.0.1:4053");
            return false;
        }

        private bool IsMember(Address address)
        {
            var state = _cluster.State;
            if (state.Members.Any(m => m.Address.Equals(address)) || state.Unreachable.Any(m => m.Address.Equals(address))) return true;
            Fail($"{address} is not a member of this node's cluster (see cluster show)");
            return false;
        }

        private void OnClusterEvent(ClusterEvent.IClusterDomainEvent e)
        {
            if (_tailTarget is null) return;
            if (_tailJson)
            {
                if (ClusterFormat.EventJson(e) is { } json) _tailTarget.Tell(new CommandResponse(json.ToJsonString(), false), Self);
            }
            else if (ClusterFormat.EventLine(e) is { } line)
                _tailTarget.Tell(new CommandResponse($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {line}", false), Self);
            if (e is ClusterEvent.ClusterShuttingDown)
            {
                _tailTarget.Tell(CommandResponse.Empty, Self);
                _cluster.Unsubscribe(Self);
                _tailTarget = null;
            }
        }

        protected override void PostStop()
        {
            if (_tailTarget is not null) _cluster.Unsubscribe(Self);
        }
    }
}
