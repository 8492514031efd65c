using System.Globalization;
using System.Text;

namespace ActorWarehouse.Actors.Management.Hosting;

/// <summary>
/// The HOCON of an operator-run cluster process (the lighthouse, <c>aw node</c>): cluster provider, remoting on
/// one host and port, seed nodes, roles and the shared secret, with INFO logs on standard error.
/// </summary>
public static class ClusterNodeHocon
{
    public static string Build(string hostname, int port, IEnumerable<string> seedNodes, IEnumerable<string> roles, string secret)
    {
        var text = new StringBuilder();
        text.AppendLine("akka.actor.provider = cluster");
        text.AppendLine("akka.stdout-loglevel = INFO");
        text.AppendLine($"akka.remote.dot-netty.tcp.hostname = {Quote(hostname)}");
        text.AppendLine($"akka.remote.dot-netty.tcp.port = {port.ToString(CultureInfo.InvariantCulture)}");
        text.AppendLine($"akka.remote.secret = {Quote(secret)}");
        text.AppendLine($"akka.cluster.seed-nodes = [{string.Join(", ", seedNodes.Select(Quote))}]");
        text.AppendLine($"akka.cluster.roles = [{string.Join(", ", roles.Select(Quote))}]");
        return text.ToString();
    }

    /// <summary>A HOCON quoted string (backslash and quote escaped; control characters as \u escapes).</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c is '"' or '\\') text.Append('\\').Append(c);
            else if (char.IsControl(c)) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.Append('"').ToString();
    }
}
