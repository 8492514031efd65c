using System.Globalization;
using ActorWarehouse.Host.Cli.Pbm;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// <c>aw pbm HOST:PORT [command...]</c>: runs one management command on a node (or the lighthouse) and exits
/// with its status, or opens an interactive prompt when no command is given.
/// </summary>
public sealed class PbmCommand(TextWriter? output = null, TextWriter? error = null, TextReader? input = null) : ICliCommand
{
    public const string Usage =
        "usage: aw pbm HOST:PORT [--connect-timeout SECONDS] [<palette> <command> [options] [--json]]\n" +
        "       without a command: interactive prompt (help, exit)\n" +
        "       e.g. aw pbm 127.0.0.1:9110 cluster show";

    private readonly TextWriter _out = output ?? Console.Out;
    private readonly TextWriter _err = error ?? Console.Error;
    private readonly TextReader _in = input ?? Console.In;

    public string Name => "pbm";

    public string Summary => "run management commands on a node (cluster show, actor hierarchy, log peek, ...)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(10);
        var rest = new List<string>(args);
        // Client options come before the endpoint's command words; everything after belongs to the command.
        while (rest.Count > 0 && rest[0] == "--connect-timeout")
        {
            if (rest.Count < 2 || !double.TryParse(rest[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds <= 0)
                return UsageError("--connect-timeout needs a positive number of seconds");
            timeout = TimeSpan.FromSeconds(seconds);
            rest.RemoveRange(0, 2);
        }
        if (rest.Count == 0 || rest[0] is "-h" or "--help")
            return rest.Count == 0 ? UsageError("missing HOST:PORT") : PrintHelp();
        if (!PbmEndpoint.TryParse(rest[0], out var endpoint))
            return UsageError($"'{rest[0]}' is not HOST:PORT");
        var words = rest.Skip(1).ToArray();

        PbmClient client;
        try
        {
            client = await PbmClient.ConnectAsync(endpoint, timeout, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await _err.WriteLineAsync($"aw pbm: cannot connect to {endpoint}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 1;
        }

        using (client)
        {
            try
            {
                if (words.Length == 0) return await PbmSession.RunInteractiveAsync(client, endpoint, _in, _out, _err);
                int code = await PbmSession.RunOneAsync(client, CommandLine(words), _out, _err, cancellationToken);
                if (code == 2) await _err.WriteLineAsync(Usage);
                return code;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or Actors.Management.Protocol.PbmProtocolException)
            {
                await _err.WriteLineAsync($"aw pbm: connection to {endpoint} lost: {e.Message}");
                return 1;
            }
        }
    }

    /// <summary>Re-joins shell words, quoting those with spaces or quotes, so the server tokenizes them back.</summary>
    internal static string CommandLine(IEnumerable<string> words) =>
        string.Join(' ', words.Select(w => w.Length > 0 && !w.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
            ? w
            : "\"" + w.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));

    private int UsageError(string message)
    {
        _err.WriteLine($"aw pbm: {message}");
        _err.WriteLine(Usage);
        return 2;
    }

    private int PrintHelp()
    {
        _out.WriteLine(Usage);
        return 0;
    }
}
