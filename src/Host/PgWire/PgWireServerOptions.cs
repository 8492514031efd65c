using System.Net;
using ActorWarehouse.Host.PgWire.Auth;

namespace ActorWarehouse.Host.PgWire;

/// <summary>Settings of one PostgreSQL-protocol listener.</summary>
public sealed record PgWireServerOptions
{
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0 = an ephemeral port (tests); read the bound one from <see cref="PgWireServer.Port"/>.</summary>
    public int Port { get; init; } = 5439;

    public PgAuthMethod AuthMethod { get; init; } = PgAuthMethod.ScramSha256;

    /// <summary>Connections beyond this get FATAL 53300 "sorry, too many clients already".</summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>Cap for Query/Parse/Bind/CopyData bodies; larger ones end the connection (08P01). PostgreSQL allows 1 GiB.</summary>
    public int MaxMessageSize { get; init; } = 256 * 1024 * 1024;

    /// <summary>Cap for every other message (Describe, Execute, Sync, password, ...), PostgreSQL's 10000 bytes.</summary>
    public int MaxSmallMessageSize { get; init; } = 10_000;

    /// <summary>Startup plus authentication must finish within this (PostgreSQL's authentication_timeout, 60 s).</summary>
    public TimeSpan AuthenticationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Named prepared statements and portals one connection may hold (54000 beyond).</summary>
    public int MaxNamedObjects { get; init; } = 10_000;
}
