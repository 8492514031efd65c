using ActorWarehouse.Actors.Management.Protocol;

namespace ActorWarehouse.Actors.Management.Internal;

/// <summary>
/// INTERNAL API: one client's session. Runs one command at a time: parses the line, hands the command to the
/// palette's handler actor (a child, created on first use) with a per-command reply actor as sender, and turns
/// the replies into frames. A command that does not finish in time fails; a cancel stops the palette actor
/// (ending any stream it feeds) and the next command gets a fresh one.
/// </summary>
internal sealed class ClientSessionActor : ReceiveActor
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public sealed record CommandLine(string Text);
    public sealed class CancelRequested { public static readonly CancelRequested Instance = new(); }
    public sealed class ClientGone { public static readonly ClientGone Instance = new(); }
    public sealed record Reply(long CommandId, object Response);
    private sealed record Timeout(long CommandId);

    private sealed record Running(long Id, IActorRef ReplyActor, IActorRef PaletteActor, ICancelable? Timer);

    private readonly ManagementHost _host;
    private readonly ClientConnection _connection;
    private readonly Dictionary<string, IActorRef> _paletteActors = new(StringComparer.Ordinal);
    private Running? _running;
    private long _commandCounter;

    public ClientSessionActor(ManagementHost host, ClientConnection connection)
    {
        _host = host;
        _connection = connection;
        Receive<CommandLine>(OnCommandLine);
        Receive<Reply>(OnReply);
        Receive<Timeout>(t => { if (_running?.Id == t.CommandId) Finish(PbmStatus.Failed, $"command did not finish within {CommandTimeout.TotalSeconds:0} s"); });
        Receive<CancelRequested>(_ => { if (_running is not null) Cancel(); });
        Receive<ClientGone>(_ => Context.Stop(Self));
        Receive<Terminated>(OnTerminated);
    }

    // A handler actor that throws outside its command handlers is stopped, and its command fails (OnTerminated).
    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;

    private void OnCommandLine(CommandLine line)
    {
        if (_running is not null)
        {
            _connection.Send(PbmFrame.Error("protocol error: a command is already running (send Cancel first)"));
            _connection.Close();
            return;
        }
        var text = line.Text.Trim();
        if (text == "help" || text.StartsWith("help ", StringComparison.Ordinal))
        {
            Help(text[4..].Trim());
            return;
        }
        var parsed = CommandLineParser.Parse(text, _host.Palettes);
        if (parsed.Command is null)
        {
            _connection.Send(PbmFrame.Error(parsed.Error!));
            if (parsed.Usage is not null) _connection.Send(PbmFrame.Error(parsed.Usage));
            _connection.Send(PbmFrame.Done(PbmStatus.Usage));
            return;
        }
        var command = parsed.Command;
        var palette = PaletteActor(command.Palette.ModuleName);
        if (palette is null)
        {
            _connection.Send(PbmFrame.Error($"palette '{command.Palette.ModuleName}' is no longer registered"));
            _connection.Send(PbmFrame.Done(PbmStatus.Failed));
            return;
        }
        long id = ++_commandCounter;
        var replyActor = Context.ActorOf(Props.CreateBy(() => new CommandReplyActor(Self, id)), $"command-{id}");
        var timer = command.Definition.IsStreaming
            ? null
            : Context.System.Scheduler.ScheduleTellOnceCancelable(CommandTimeout, Self, new Timeout(id), Self);
        _running = new Running(id, replyActor, palette, timer);
        palette.Tell(command, replyActor);
    }

    private IActorRef? PaletteActor(string moduleName)
    {
        if (_paletteActors.TryGetValue(moduleName, out var existing)) return existing;
        var handler = _host.FindHandler(moduleName);
        if (handler is null) return null;
        var actor = Context.ActorOf(handler.HandlerProps, $"{moduleName}-{_commandCounter + 1}");
        Context.Watch(actor);
        _paletteActors[moduleName] = actor;
        return actor;
    }

    private void Help(string paletteName)
    {
        var palettes = _host.Palettes;
        if (paletteName.Length == 0) _connection.Send(PbmFrame.Output(HelpText.Palettes(palettes)));
        else if (palettes.FirstOrDefault(p => p.ModuleName == paletteName) is { } palette)
            _connection.Send(PbmFrame.Output(HelpText.Palette(palette)));
        else
        {
            _connection.Send(PbmFrame.Error($"unknown palette '{paletteName}'"));
            _connection.Send(PbmFrame.Error(HelpText.Palettes(palettes)));
            _connection.Send(PbmFrame.Done(PbmStatus.Usage));
            return;
        }
        _connection.Send(PbmFrame.Done(PbmStatus.Ok));
    }

    private void OnReply(Reply reply)
    {
        if (_running?.Id != reply.CommandId) return;
        switch (reply.Response)
        {
            case CommandResponse { Final: false } line:
                _connection.Send(PbmFrame.Output(line.Text));
                break;
            case CommandResponse last:
                if (last.Text.Length > 0) _connection.Send(PbmFrame.Output(last.Text));
                Finish(PbmStatus.Ok, null);
                break;
            case ErroredCommandResponse error:
                Finish(PbmStatus.Failed, error.Message);
                break;
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        foreach (var (name, actor) in _paletteActors)
        {
            if (!actor.Equals(terminated.ActorRef)) continue;
            _paletteActors.Remove(name);
            if (_running is not null && _running.PaletteActor.Equals(actor))
                Finish(PbmStatus.Failed, $"the '{name}' palette handler failed; see the node's log");
            return;
        }
    }

    private void Cancel()
    {
        var running = _running!;
        // Stopping the palette actor ends streams it feeds (subscriptions end in its PostStop).
        Context.Unwatch(running.PaletteActor);
        Context.Stop(running.PaletteActor);
        foreach (var (name, actor) in _paletteActors)
            if (actor.Equals(running.PaletteActor)) { _paletteActors.Remove(name); break; }
        Finish(PbmStatus.Cancelled, null);
    }

    private void Finish(PbmStatus status, string? error)
    {
        var running = _running!;
        _running = null;
        running.Timer?.Cancel();
        Context.Stop(running.ReplyActor);
        if (error is not null) _connection.Send(PbmFrame.Error(error));
        _connection.Send(PbmFrame.Done(status));
    }

    protected override void PostStop() => _connection.Close();
}

/// <summary>INTERNAL API: the sender of one command; tags its replies with the command id for the session.</summary>
internal sealed class CommandReplyActor : ReceiveActor
{
    public CommandReplyActor(IActorRef session, long commandId) =>
        ReceiveAny(m =>
        {
            if (m is CommandResponse or ErroredCommandResponse) session.Tell(new ClientSessionActor.Reply(commandId, m), Self);
        });
}
