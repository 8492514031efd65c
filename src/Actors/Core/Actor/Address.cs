using System.Globalization;

namespace ActorWarehouse.Actors;

/// <summary>
/// Where an actor system lives: <c>akka://Sys</c> locally, <c>akka.tcp://Sys@127.0.0.1:4053</c> over TCP.
/// </summary>
public sealed record Address(string Protocol, string System, string? Host = null, int? Port = null) : IComparable<Address>
{
    public const string LocalProtocol = "akka";
    public const string TcpProtocol = "akka.tcp";

    public bool HasLocalScope => Host is null;
    public bool HasGlobalScope => Host is not null;

    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port?.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>protocol://system[@host:port]</c>, ignoring any path after it.</summary>
    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out _)) throw new UriFormatException($"'{text}' is not an actor system address");
        return address;
    }

    internal static bool TryParse(string text, out Address address, out int pathStart)
    {
        address = null!;
        pathStart = 0;
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) return false;
        var protocol = text[..scheme];
        int start = scheme + 3;
        int slash = text.IndexOf('/', start);
        int end = slash < 0 ? text.Length : slash;
        var authority = text[start..end];
        pathStart = end;
        int at = authority.IndexOf('@');
        if (at < 0)
        {
            if (authority.Length == 0) return false;
            address = new Address(protocol, authority);
            return true;
        }
        var system = authority[..at];
        var hostPort = authority[(at + 1)..];
        int colon = hostPort.LastIndexOf(':');
        if (system.Length == 0 || colon <= 0) return false;
        if (!int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return false;
        address = new Address(protocol, system, hostPort[..colon], port);
        return true;
    }

    public int CompareTo(Address? other)
    {
        if (other is null) return 1;
        int c = string.CompareOrdinal(Protocol, other.Protocol);
        if (c != 0) return c;
        c = string.CompareOrdinal(System, other.System);
        if (c != 0) return c;
        c = string.CompareOrdinal(Host, other.Host);
        return c != 0 ? c : Nullable.Compare(Port, other.Port);
    }
}
