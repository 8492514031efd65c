using System.Net;
using Sockets = System.Net.Sockets;
using ActorWarehouse.Actors.Management.Internal;
using ActorWarehouse.Actors.Management.Palettes;

namespace ActorWarehouse.Actors.Management;

/// <summary>
/// The management host of an actor system (Petabridge.Cmd's host): a registry of command palettes and a TCP
/// server on 127.0.0.1 that runs their commands for <c>aw pbm</c> clients. The <c>actor</c> and <c>log</c>
/// palettes are always present; other code adds its own with <see cref="RegisterCommandPalette"/>.
/// </summary>
public sealed class ManagementHost
{
    private readonly ActorSystem _system;
    private readonly Lock _lock = new();
    private CommandPaletteHandler[] _handlers = [];
    private ManagementServer? _server;

    private ManagementHost(ActorSystem system)
    {
        _system = system;
        LogBuffer = new LogBuffer(system.EventStream, capacity: 1000);
        RegisterCommandPalette(new ActorCommands());
        RegisterCommandPalette(new LogCommands());
        system.WhenTerminated.ContinueWith(_ => Stop(), TaskScheduler.Default);
    }

    public static ManagementHost Get(ActorSystem system) => system.GetOrAddExtension(s => new ManagementHost(s));

    public ActorSystem System => _system;

    /// <summary>Recent log lines of the system's event stream (what <c>log peek</c> shows).</summary>
    public LogBuffer LogBuffer { get; }

    /// <summary>The registered palettes, in registration order.</summary>
    public IReadOnlyList<CommandPalette> Palettes => Volatile.Read(ref _handlers).Select(h => h.Palette).ToArray();

    internal CommandPaletteHandler? FindHandler(string moduleName) =>
        Volatile.Read(ref _handlers).FirstOrDefault(h => h.Palette.ModuleName == moduleName);

    /// <summary>Adds a palette (connections opened later see it); replaces an earlier palette of the same name.</summary>
    public void RegisterCommandPalette(CommandPaletteHandler handler)
    {
        lock (_lock)
            _handlers = [.. _handlers.Where(h => h.Palette.ModuleName != handler.Palette.ModuleName), handler];
        handler.OnRegister(this);
    }

    /// <summary>The endpoint the server listens on, once started.</summary>
    public IPEndPoint? Endpoint => _server?.Endpoint;

    /// <summary>Binds the server (port 0 picks a free one) and starts accepting clients; throws when the port is taken.</summary>
    public IPEndPoint Start(int port, string host = "127.0.0.1")
    {
        lock (_lock)
        {
            if (_server is not null) return _server.Endpoint;
            var address = IPAddress.TryParse(host, out var parsed) ? parsed
                : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == Sockets.AddressFamily.InterNetwork)
                  ?? throw new Sockets.SocketException((int)Sockets.SocketError.HostNotFound);
            var server = new ManagementServer(this, address, port);
            _server = server;
            _system.Log.Info("management host bound to [{0}]", server.Endpoint);
            return server.Endpoint;
        }
    }

    /// <summary>Stops accepting clients and closes open connections.</summary>
    public void Stop()
    {
        ManagementServer? server;
        lock (_lock) { server = _server; _server = null; }
        server?.Dispose();
    }
}
