namespace ActorWarehouse.Host.Cli;

/// <summary>One `aw` sub-command (one file per command, Garnet-style thin shell).</summary>
public interface ICliCommand
{
    /// <summary>The words that select the command, e.g. "sql" or "bench tpch".</summary>
    string Name { get; }

    /// <summary>One line for `aw --help`.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the name; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
