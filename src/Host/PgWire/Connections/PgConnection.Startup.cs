using System.Security.Cryptography;
using System.Text;
using ActorWarehouse.Engine;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Security;
using ActorWarehouse.Host.PgWire.Auth;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;

namespace ActorWarehouse.Host.PgWire.Connections;

internal sealed partial class PgConnection
{
    /// <summary>Startup parameters that are not settings: consumed here, or sent by Redshift drivers and ignored.</summary>
    private static readonly HashSet<string> NonSettingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "user", "database", "options", "replication", "application_name", "client_encoding",
        "driver_version", "os_version", "plugin_name", "client_protocol_version", "driver_discovery_version", "idp_type",
        "provider_name", "token_type", "identity_namespace",
    };

    /// <summary>
    /// Reads SSL/GSS requests (answered 'N'), a CancelRequest (handled, then the socket closes) or the startup packet,
    /// authenticates, opens the engine session and sends ParameterStatus, BackendKeyData and ReadyForQuery.
    /// False when the connection should simply close.
    /// </summary>
    private async Task<bool> StartupAsync(bool overConnectionLimit, CancellationToken ct)
    {
        while (true)
        {
            if (!await _reader.ReadStartupPacketAsync(ct)) return false;
            var packet = new BodyReader(_reader.Body.Span);
            int code = packet.ReadInt32();
            switch (code)
            {
                case StartupCode.SslRequest or StartupCode.GssEncRequest:
                    packet.ExpectEnd();
                    _writer.WriteByte((byte)'N');
                    await _writer.FlushAsync(ct);
                    continue;
                case StartupCode.CancelRequest:
                    int processId = packet.ReadInt32();
                    int secret = packet.ReadInt32();
                    packet.ExpectEnd();
                    _server.Cancel(processId, secret);
                    return false;
            }
            if (code >> 16 != 3)
                throw new PgProtocolException($"unsupported frontend protocol {code >> 16}.{code & 0xffff}: server supports 3.0", WireSqlState.FeatureNotSupported);
            var parameters = ReadStartupParameters(ref packet, out var ignoredProtocolOptions);
            if ((code & 0xffff) != 0 || ignoredProtocolOptions.Count > 0) WriteNegotiateProtocolVersion(ignoredProtocolOptions);
            if (overConnectionLimit) throw new PgProtocolException("sorry, too many clients already", WireSqlState.TooManyConnections);
            return await AuthenticateAndOpenAsync(parameters, ct);
        }
    }

    private static Dictionary<string, string> ReadStartupParameters(ref BodyReader packet, out List<string> ignoredProtocolOptions)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        ignoredProtocolOptions = [];
        while (true)
        {
            var name = packet.ReadCString();
            if (name.Length == 0) break;
            var value = packet.ReadCString();
            if (name.StartsWith("_pq_.", StringComparison.Ordinal)) ignoredProtocolOptions.Add(name);
            else parameters[name] = value;
        }
        packet.ExpectEnd();
        return parameters;
    }

    private void WriteNegotiateProtocolVersion(List<string> ignoredOptions)
    {
        _writer.StartMessage(BackendMessageCode.NegotiateProtocolVersion);
        _writer.WriteInt32(StartupCode.Protocol30);
        _writer.WriteInt32(ignoredOptions.Count);
        foreach (var option in ignoredOptions) _writer.WriteCString(option);
        _writer.EndMessage();
    }

    private async Task<bool> AuthenticateAndOpenAsync(Dictionary<string, string> parameters, CancellationToken ct)
    {
        if (!parameters.TryGetValue("user", out var user) || user.Length == 0)
            throw new PgProtocolException("no PostgreSQL user name specified in startup packet", WireSqlState.InvalidAuthorizationSpecification);
        var warehouse = _server.Warehouse;
        var account = warehouse.Users.Find(user);
        if (!await AuthenticateAsync(user, account, ct) || account is null)
            throw new PgProtocolException($"password authentication failed for user \"{user}\"", WireSqlState.InvalidPassword);

        // libpq defaults the database to the user name: treat that as the warehouse's one database.
        var database = parameters.GetValueOrDefault("database") is { Length: > 0 } d ? d : warehouse.DatabaseName;
        if (database != warehouse.DatabaseName && database != user)
            throw new PgProtocolException($"database \"{database}\" does not exist", WireSqlState.InvalidCatalogName);

        var applicationName = parameters.GetValueOrDefault("application_name") ?? "";
        _session = warehouse.OpenSession(new SessionIdentity(user, warehouse.DatabaseName, ProcessId, applicationName, ClientAddress));
        _session.Settings.Changed += OnSettingChanged;
        ApplyStartupSettings(parameters);
        _pendingParameterStatus.Clear();

        WriteAuthentication(AuthenticationCode.Ok);
        WriteInitialParameterStatus(account);
        _secretKey = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        _writer.StartMessage(BackendMessageCode.BackendKeyData);
        _writer.WriteInt32(ProcessId);
        _writer.WriteInt32(_secretKey);
        _writer.EndMessage();
        WriteReadyForQuery();
        await _writer.FlushAsync(ct);
        return true;
    }

    /// <summary>
    /// Runs the configured password exchange. An unknown user goes through the same steps (SCRAM with a fake
    /// verifier) and fails the same way, so the reply does not reveal which user names exist.
    /// </summary>
    private async Task<bool> AuthenticateAsync(string user, UserAccount? account, CancellationToken ct)
    {
        var method = _server.Options.AuthMethod;
        var scram = ScramVerifier.Parse(account?.ScramSha256Verifier);
        if (method == PgAuthMethod.Md5 && account?.Md5Password is null && scram is not null) method = PgAuthMethod.ScramSha256;
        switch (method)
        {
            case PgAuthMethod.Password:
            {
                WriteAuthentication(AuthenticationCode.CleartextPassword);
                await _writer.FlushAsync(ct);
                var password = await ReadPasswordMessageAsync(ct);
                if (password is null || account is null) return false;
                var text = password.TrimEnd('\0');
                if (scram is not null) return scram.Matches(text);
                return account.Md5Password is { } hash && Md5Password.MatchesCleartext(hash, user, text);
            }
            case PgAuthMethod.Md5:
            {
                var salt = RandomNumberGenerator.GetBytes(4);
                _writer.StartMessage(BackendMessageCode.Authentication);
                _writer.WriteInt32(AuthenticationCode.Md5Password);
                _writer.WriteBytes(salt);
                _writer.EndMessage();
                await _writer.FlushAsync(ct);
                var response = await ReadPasswordMessageAsync(ct);
                if (response is null || account?.Md5Password is not { } stored) return false;
                return Md5Password.Matches(stored, salt, response.TrimEnd('\0'));
            }
            default:
                return await ScramAsync(scram ?? ScramVerifier.Impossible(user, _server.Secret), ct) && scram is not null;
        }
    }

    private async Task<bool> ScramAsync(ScramVerifier verifier, CancellationToken ct)
    {
        _writer.StartMessage(BackendMessageCode.Authentication);
        _writer.WriteInt32(AuthenticationCode.Sasl);
        _writer.WriteCString(ScramSha256Exchange.Mechanism);
        _writer.WriteByte(0);
        _writer.EndMessage();
        await _writer.FlushAsync(ct);

        if (!await ReadAuthMessageAsync(ct)) return false;
        var initial = new BodyReader(_reader.Body.Span);
        var mechanism = initial.ReadCString();
        if (mechanism != ScramSha256Exchange.Mechanism)
            throw new PgProtocolException("client selected an invalid SASL authentication mechanism", WireSqlState.InvalidAuthorizationSpecification);
        int length = initial.ReadInt32();
        var clientFirst = Encoding.UTF8.GetString(initial.ReadBytes(length < 0 ? 0 : length));
        initial.ExpectEnd();

        var exchange = new ScramSha256Exchange(verifier);
        var serverFirst = exchange.Start(clientFirst)
            ?? throw new PgProtocolException("malformed SCRAM message", WireSqlState.ProtocolViolation);
        WriteAuthentication(AuthenticationCode.SaslContinue, serverFirst);
        await _writer.FlushAsync(ct);

        if (!await ReadAuthMessageAsync(ct)) return false;
        var serverFinal = exchange.Finish(Encoding.UTF8.GetString(_reader.Body.Span));
        if (serverFinal is null) return false;
        WriteAuthentication(AuthenticationCode.SaslFinal, serverFinal);
        return true;
    }

    /// <summary>Reads a 'p' message; false when the client hung up (libpq does so when it has no password to give).</summary>
    private async Task<bool> ReadAuthMessageAsync(CancellationToken ct)
    {
        if (!await _reader.ReadMessageAsync(ct)) return false;
        if (_reader.MessageType != FrontendMessageCode.Password)
            throw new PgProtocolException($"expected password response, got message type {_reader.MessageType}");
        return true;
    }

    private async Task<string?> ReadPasswordMessageAsync(CancellationToken ct)
    {
        if (!await ReadAuthMessageAsync(ct)) return null;
        var reader = new BodyReader(_reader.Body.Span);
        var password = reader.ReadCString();
        reader.ExpectEnd();
        return password;
    }

    private void WriteAuthentication(int code, string? data = null)
    {
        _writer.StartMessage(BackendMessageCode.Authentication);
        _writer.WriteInt32(code);
        if (data is not null) _writer.WriteString(data);
        _writer.EndMessage();
    }

    /// <summary>Startup settings ("-c name=value" in options, and any other name) are applied like SET; unknown ones are ignored.</summary>
    private void ApplyStartupSettings(Dictionary<string, string> parameters)
    {
        var settings = new List<(string Name, string Value)>();
        foreach (var (name, value) in parameters)
            if (!NonSettingParameters.Contains(name)) settings.Add((name, value));
        if (parameters.TryGetValue("options", out var options)) settings.AddRange(ParseOptions(options));
        if (parameters.TryGetValue("application_name", out var applicationName)) settings.Add(("application_name", applicationName));
        foreach (var (name, value) in settings)
        {
            try
            {
                Session.Settings.Set(name, value);
            }
            catch (SqlException)
            {
                // PostgreSQL would refuse the connection; Redshift drivers send names we do not know, so we go on.
            }
        }
    }

    /// <summary>Splits the startup "options" value: "-c a=b --c=d -cx=y" (backslash escapes a space).</summary>
    private static IEnumerable<(string, string)> ParseOptions(string options)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (int i = 0; i < options.Length; i++)
        {
            char c = options[i];
            if (c == '\\' && i + 1 < options.Length) word.Append(options[++i]);
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
            }
            else word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        for (int i = 0; i < words.Count; i++)
        {
            string? assignment = words[i] switch
            {
                "-c" when i + 1 < words.Count => words[++i],
                var w when w.StartsWith("-c", StringComparison.Ordinal) && w.Length > 2 => w[2..],
                var w when w.StartsWith("--", StringComparison.Ordinal) => w[2..],
                _ => null,
            };
            int eq = assignment?.IndexOf('=') ?? -1;
            if (eq > 0) yield return (assignment![..eq].Replace('-', '_'), assignment[(eq + 1)..]);
        }
    }

    private void WriteInitialParameterStatus(UserAccount account)
    {
        var settings = Session.Settings;
        WriteParameterStatus("application_name", settings.TryGet("application_name", out var app) ? app : "");
        WriteParameterStatus("client_encoding", "UTF8");
        WriteParameterStatus("DateStyle", settings.TryGet("datestyle", out var dateStyle) ? dateStyle : "ISO, MDY");
        WriteParameterStatus("default_transaction_read_only", "off");
        WriteParameterStatus("in_hot_standby", "off");
        WriteParameterStatus("integer_datetimes", "on");
        WriteParameterStatus("IntervalStyle", settings.TryGet("intervalstyle", out var intervalStyle) ? intervalStyle : "postgres");
        WriteParameterStatus("is_superuser", account.IsSuperuser ? "on" : "off");
        WriteParameterStatus("server_encoding", "UTF8");
        WriteParameterStatus("server_version", settings.TryGet("server_version", out var version) ? version : "8.0.2");
        WriteParameterStatus("session_authorization", account.Name);
        WriteParameterStatus("standard_conforming_strings", "on");
        WriteParameterStatus("TimeZone", settings.TryGet("timezone", out var zone) ? zone : "UTC");
    }

    private void WriteParameterStatus(string name, string value)
    {
        _writer.StartMessage(BackendMessageCode.ParameterStatus);
        _writer.WriteCString(name);
        _writer.WriteCString(value);
        _writer.EndMessage();
    }

    /// <summary>Reported settings with the spelling clients expect in ParameterStatus (Changed gives lower case).</summary>
    private static readonly Dictionary<string, string> ReportedSettings = new(StringComparer.Ordinal)
    {
        ["application_name"] = "application_name",
        ["datestyle"] = "DateStyle",
        ["timezone"] = "TimeZone",
        ["intervalstyle"] = "IntervalStyle",
        ["standard_conforming_strings"] = "standard_conforming_strings",
        ["session_authorization"] = "session_authorization",
    };

    private readonly Dictionary<string, string> _pendingParameterStatus = new(StringComparer.Ordinal);

    private void OnSettingChanged(string name, string value)
    {
        if (ReportedSettings.TryGetValue(name, out var reported)) _pendingParameterStatus[reported] = value;
    }

    private void WritePendingParameterStatus()
    {
        if (_pendingParameterStatus.Count == 0) return;
        foreach (var (name, value) in _pendingParameterStatus) WriteParameterStatus(name, value);
        _pendingParameterStatus.Clear();
    }

    /// <summary>ReadyForQuery with the transaction status: I idle, T in a block, E in a failed block.</summary>
    private void WriteReadyForQuery()
    {
        ClearPendingCancel();
        WritePendingParameterStatus();
        _writer.StartMessage(BackendMessageCode.ReadyForQuery);
        _writer.WriteByte(_session is { InFailedTransaction: true } ? (byte)'E' : _session is { InTransaction: true } ? (byte)'T' : (byte)'I');
        _writer.EndMessage();
    }
}
