using System.Net;
using System.Net.Sockets;

namespace ActorWarehouse.Host.Cli.Pbm;

/// <summary>Free TCP ports on 127.0.0.1 (bound and released at once; another process could take one in between).</summary>
public static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port not handed out before by this process.</summary>
    public static int Next()
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOut)
                if (HandedOut.Add(port)) return port;
        }
    }
}
