using System.Text.Json;

namespace ActorWarehouse.Host.Cli.Pbm;

/// <summary>The answer of <c>cluster show --json</c>, parsed.</summary>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<ClusterView.MemberView> Members)
{
    public sealed record MemberView(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable);

    public static ClusterView Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var members = new List<MemberView>();
        foreach (var m in root.GetProperty("members").EnumerateArray())
            members.Add(new MemberView(
                m.GetProperty("address").GetString()!,
                m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray(),
                m.GetProperty("status").GetString()!,
                m.GetProperty("reachable").GetBoolean()));
        return new ClusterView(root.GetProperty("self").GetString()!,
            root.GetProperty("leader").ValueKind == JsonValueKind.String ? root.GetProperty("leader").GetString() : null, members);
    }

    public MemberView? Find(string address) => Members.FirstOrDefault(m => m.Address == address);

    /// <summary>Exactly these addresses are members, all Up and reachable.</summary>
    public bool AllUp(IReadOnlyCollection<string> addresses) =>
        Members.Count == addresses.Count && addresses.All(a => Find(a) is { Status: "up", Reachable: true });

    /// <summary>Fetches the view of the management host at <paramref name="endpoint"/> (bounded by <paramref name="timeout"/>).</summary>
    public static async Task<ClusterView> FetchAsync(PbmEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = await PbmClient.ConnectAsync(endpoint, timeout, deadline.Token);
        var output = new StringWriter();
        var error = new StringWriter();
        var status = await client.RunAsync("cluster show --json", output, error, CancellationToken.None).WaitAsync(deadline.Token);
        if (status != Actors.Management.Protocol.PbmStatus.Ok) throw new IOException($"cluster show failed on {endpoint}: {error.ToString().Trim()}");
        return Parse(output.ToString());
    }
}
