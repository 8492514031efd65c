using ActorWarehouse.Actors.Management.Protocol;

namespace ActorWarehouse.Host.Cli.Pbm;

/// <summary>
/// The two ways <c>aw pbm</c> runs: one command (exit code from its status) or an interactive prompt that reads
/// command lines from standard input until <c>exit</c>, <c>quit</c> or end of input.
/// </summary>
public static class PbmSession
{
    public static int ExitCode(PbmStatus status) => status switch
    {
        PbmStatus.Ok or PbmStatus.Cancelled => 0,
        PbmStatus.Usage => 2,
        _ => 1,
    };

    public static async Task<int> RunOneAsync(PbmClient client, string commandLine, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var status = await client.RunAsync(commandLine, output, error, cancel);
        return ExitCode(status);
    }

    /// <summary>
    /// Ctrl-C while a command runs cancels that command; Ctrl-C at the prompt (or end of input) leaves.
    /// Returns the exit code of the last command (0 when none failed last).
    /// </summary>
    public static async Task<int> RunInteractiveAsync(PbmClient client, PbmEndpoint endpoint, TextReader input, TextWriter output, TextWriter error)
    {
        CancellationTokenSource? running = null;
        var leave = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            var current = Volatile.Read(ref running);
            if (current is not null) current.Cancel();
            else leave.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await output.WriteLineAsync($"connected to {client.SystemAddress} at {endpoint} ({PbmFrameCodec.ProtocolName})");
            await output.WriteLineAsync("type 'help' for the commands of this node, 'exit' to leave");
            int last = 0;
            while (!leave.IsCancellationRequested)
            {
                await output.WriteAsync($"[{endpoint}] pbm> ");
                await output.FlushAsync(CancellationToken.None);
                string? line;
                try { line = await input.ReadLineAsync(leave.Token); }
                catch (OperationCanceledException) { break; }
                if (line is null) break;
                line = line.Trim();
                if (line.Length == 0) continue;
                if (line is "exit" or "quit") break;
                using var cts = new CancellationTokenSource();
                Volatile.Write(ref running, cts);
                try { last = ExitCode(await client.RunAsync(line, output, error, cts.Token)); }
                finally { Volatile.Write(ref running, null); }
            }
            await output.WriteLineAsync();
            return last;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            leave.Dispose();
        }
    }
}
