using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors.Remote.Transport;

/// <summary>
/// Everything this system keeps about one remote system (by address): the outbound TCP connection and its writer
/// loop, the bounded user-message queue (back-pressure), the numbered system messages awaiting acknowledgement,
/// the peer's incarnation uid and when we last heard from it.
/// </summary>
internal sealed class Association
{
    private readonly RemoteActorRefProvider _provider;
    private readonly RemoteSettings _settings;
    private readonly ConcurrentQueue<OutboundMessage> _queue = new();
    // Messages queued and not yet taken by the writer; above the capacity senders wait (back-pressure).
    private int _queued;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private int _waiting;

    // System messages: numbered from 1 per peer incarnation, resent until cumulatively acknowledged.
    private readonly Lock _systemLock = new();
    private readonly List<PendingSystemMessage> _unacked = [];
    private long _nextSeq = 1;
    private long _pendingAck;
    // 0 = nothing, 1 = a plain heartbeat, 2 = a heartbeat that asks the peer to answer with one.
    private int _heartbeatToSend;

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private TcpClient? _client;
    private Stream? _stream;
    private long _gatedUntil;
    private bool _loggedFailure;

    private struct OutboundMessage(InternalActorRef recipient, object message, IActorRef? sender)
    {
        public readonly InternalActorRef Recipient = recipient;
        public readonly object Message = message;
        public readonly IActorRef? Sender = sender;
    }

    private sealed class PendingSystemMessage(long seq, RemoteActorRef recipient, SystemMessage message)
    {
        public readonly long Seq = seq;
        public readonly RemoteActorRef Recipient = recipient;
        public readonly SystemMessage Message = message;
        public long LastSentTicks;
    }

    public Association(RemoteActorRefProvider provider, Address remoteAddress)
    {
        _provider = provider;
        _settings = provider.Settings;
        RemoteAddress = remoteAddress;
    }

    public Address RemoteAddress { get; }

    /// <summary>Fault injection for specs: while set, the writer takes no user messages (the queue fills up).</summary>
    internal volatile bool PauseUserMessagesForTest;

    /// <summary>The peer incarnation we are talking to (null until the first handshake).</summary>
    public long? RemoteUid { get; set; }

    /// <summary>Environment.TickCount64 of the last frame received from the peer (any connection).</summary>
    public long LastHeardTicks;

    /// <summary>When remote DeathWatch started caring about this peer (the baseline before anything is heard).</summary>
    public long WatchStartTicks;

    public int UnackedCount { get { lock (_systemLock) return _unacked.Count; } }

    public bool IsConnected => _stream is not null;

    // ---------------------------------------------------------------- producers (any thread)

    public void SendUser(InternalActorRef recipient, object message, IActorRef? sender)
    {
        if (Environment.TickCount64 < Volatile.Read(ref _gatedUntil))
        {
            _provider.DeadLetter(recipient, message, sender);
            return;
        }
        if (Interlocked.Increment(ref _queued) > _settings.SendQueueCapacity && !WaitForRoom())
        {
            Interlocked.Decrement(ref _queued);
            _provider.System.Log.Warning("send queue to {0} is full; message {1} dropped", RemoteAddress, message.GetType().Name);
            _provider.DeadLetter(recipient, message, sender);
            return;
        }
        _queue.Enqueue(new OutboundMessage(recipient, message, sender));
        EnsureRunning();
        Wake();
    }

    /// <summary>The slow path of a full queue: wait (bounded by the push timeout) until the writer drains some.</summary>
    private bool WaitForRoom()
    {
        long deadline = Environment.TickCount64 + (long)_settings.SendQueuePushTimeout.TotalMilliseconds;
        var spin = new SpinWait();
        while (Volatile.Read(ref _queued) > _settings.SendQueueCapacity)
        {
            if (Environment.TickCount64 >= deadline || _stop.IsCancellationRequested) return false;
            Wake();
            spin.SpinOnce(sleep1Threshold: 20);
        }
        return true;
    }

    public void SendSystem(RemoteActorRef recipient, SystemMessage message)
    {
        bool overflow;
        lock (_systemLock)
        {
            overflow = _unacked.Count >= _settings.SystemMessageBufferSize;
            if (!overflow) _unacked.Add(new PendingSystemMessage(_nextSeq++, recipient, message));
        }
        if (overflow)
        {
            // System messages must never be lost silently: give up on this incarnation instead.
            _provider.Quarantine(RemoteAddress, RemoteUid, "system message buffer overflow");
            return;
        }
        EnsureRunning();
        Wake();
    }

    /// <summary>Records that system messages up to <paramref name="seq"/> from the peer arrived; an Ack goes out soon.</summary>
    public void ScheduleAck(long seq)
    {
        long current;
        do { current = Volatile.Read(ref _pendingAck); }
        while (seq > current && Interlocked.CompareExchange(ref _pendingAck, seq, current) != current);
        EnsureRunning();
        Wake();
    }

    public void OnAck(long seq)
    {
        lock (_systemLock) _unacked.RemoveAll(p => p.Seq <= seq);
    }

    /// <summary>The uid of the peer our current outbound connection reached.</summary>
    public long? ConnectedUid { get; private set; }

    /// <summary>
    /// Forgets everything owed to a peer incarnation that is gone (quarantined or replaced). The outbound
    /// connection survives only if it already reaches <paramref name="newUid"/>.
    /// </summary>
    public void ResetForNewIncarnation(long? newUid)
    {
        lock (_systemLock)
        {
            _unacked.Clear();
            _nextSeq = 1;
        }
        if (newUid is null || ConnectedUid != newUid) CloseConnection();
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1) _wake.Release();
    }

    private void EnsureRunning()
    {
        if (_loop is not null) return;
        lock (_systemLock)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    // ---------------------------------------------------------------- writer loop

    private bool HasWork => (!_queue.IsEmpty && !PauseUserMessagesForTest) || Volatile.Read(ref _pendingAck) > 0
        || Volatile.Read(ref _heartbeatToSend) != 0 || UnackedCount > 0;

    /// <summary>
    /// Sends a heartbeat soon (connecting if needed). Remote DeathWatch asks watched peers for one every interval,
    /// so they keep talking to us even when they have nothing else to say.
    /// </summary>
    public void SendHeartbeat(bool askForReply)
    {
        int wanted = askForReply ? 2 : 1;
        int current;
        do { current = Volatile.Read(ref _heartbeatToSend); }
        while (wanted > current && Interlocked.CompareExchange(ref _heartbeatToSend, wanted, current) != current);
        EnsureRunning();
        Wake();
    }

    private async Task RunAsync()
    {
        var frames = new FrameBuffer();
        var scratch = new FrameBuffer(4096);
        long lastWrite = Environment.TickCount64;
        bool yielded = false;
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (_stream is null)
                {
                    if (!HasWork) { await WaitForWork(_settings.HeartbeatInterval, token); continue; }
                    if (!await TryConnect(token)) continue;
                    lastWrite = 0;
                }
                try
                {
                    long ack = Interlocked.Exchange(ref _pendingAck, 0);
                    if (ack > 0)
                    {
                        int at = frames.BeginFrame();
                        frames.WriteByte(FrameKind.Ack);
                        frames.WriteInt64(ack);
                        frames.PatchLength(at);
                    }
                    int heartbeat = Interlocked.Exchange(ref _heartbeatToSend, 0);
                    if (heartbeat != 0)
                    {
                        int at = frames.BeginFrame();
                        frames.WriteByte(FrameKind.Heartbeat);
                        frames.WriteByte(heartbeat == 2 ? (byte)1 : (byte)0);
                        frames.PatchLength(at);
                    }
                    WriteSystemMessages(frames, scratch);
                    while (!PauseUserMessagesForTest && frames.Length < 512 * 1024 && _queue.TryDequeue(out var item))
                    {
                        Interlocked.Decrement(ref _queued);
                        WriteEnvelope(frames, scratch, item.Recipient, item.Message, item.Sender, 0);
                    }
                    long now = Environment.TickCount64;
                    if (frames.Length == 0 && now - lastWrite >= (long)_settings.HeartbeatInterval.TotalMilliseconds)
                    {
                        int at = frames.BeginFrame();
                        frames.WriteByte(FrameKind.Heartbeat);
                        frames.PatchLength(at);
                    }
                    var stream = _stream;
                    if (stream is null)
                    {
                        // The connection was closed under us (quarantine): what was written for it is lost.
                        frames.Reset();
                        continue;
                    }
                    if (frames.Length > 0 && _provider.IsBlackholed(RemoteAddress))
                    {
                        // Fault injection: the network silently eats everything we send.
                        frames.Reset();
                        lastWrite = Environment.TickCount64;
                    }
                    if (frames.Length > 0)
                    {
                        await stream.WriteAsync(frames.WrittenMemory, token);
                        _provider.CountSent(frames.Length);
                        frames.Reset();
                        yielded = false;
                        lastWrite = Environment.TickCount64;
                        continue;
                    }
                    // Under load more messages usually arrive within a moment: one yield lets them batch up before
                    // paying for a full sleep and wake-up.
                    if (!yielded)
                    {
                        yielded = true;
                        await Task.Yield();
                        continue;
                    }
                    yielded = false;
                    await WaitForWork(TimeSpan.FromMilliseconds(Math.Min(_settings.HeartbeatInterval.TotalMilliseconds, _settings.ResendInterval.TotalMilliseconds)), token);
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException && !token.IsCancellationRequested)
                {
                    // User messages in flight are lost (at-most-once); unacknowledged system messages are resent.
                    _provider.System.Log.Info("connection to {0} lost: {1}", RemoteAddress, e.Message);
                    frames.Reset();
                    CloseConnection();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _provider.System.Log.Error(e, "association writer to {0} failed", RemoteAddress);
        }
        finally
        {
            frames.Dispose();
            scratch.Dispose();
            CloseConnection();
        }
    }

    private async Task WaitForWork(TimeSpan timeout, CancellationToken token)
    {
        Interlocked.Exchange(ref _waiting, 1); // full fence: the HasWork check must not move before it
        if (HasWork)
        {
            Interlocked.Exchange(ref _waiting, 0);
            return;
        }
        await _wake.WaitAsync(timeout, token);
        Interlocked.Exchange(ref _waiting, 0);
    }

    private void WriteSystemMessages(FrameBuffer frames, FrameBuffer scratch)
    {
        long now = Environment.TickCount64;
        long resendAfter = (long)_settings.ResendInterval.TotalMilliseconds;
        lock (_systemLock)
        {
            bool resendAll = _unacked.Count > 0 && _unacked[0].LastSentTicks != 0 && now - _unacked[0].LastSentTicks >= resendAfter;
            foreach (var p in _unacked)
            {
                if (p.LastSentTicks != 0 && !resendAll) continue;
                p.LastSentTicks = now;
                WriteEnvelope(frames, scratch, p.Recipient, p.Message, null, p.Seq);
            }
        }
    }

    private void WriteEnvelope(FrameBuffer frames, FrameBuffer scratch, InternalActorRef recipient, object message, IActorRef? sender, long seq)
    {
        int start = frames.Length;
        try
        {
            int at = frames.BeginFrame();
            frames.WriteByte(FrameKind.Envelope);
            frames.WriteInt64(seq);
            if (message is SystemMessage system)
            {
                frames.WriteInt32(SystemMessageSerializer.SerializerId);
                frames.WriteShortBytes(default);
                frames.WriteShortBytes(recipient.PathUtf8);
                frames.WriteShortBytes(default);
                SystemMessageSerializer.Write(frames, system);
            }
            else
            {
                var serializer = _provider.System.Serialization.FindSerializerFor(message is SelectionEnvelope sel ? sel : message);
                frames.WriteInt32(serializer.Identifier);
                frames.WriteShortBytes(_provider.ManifestBytes(serializer.ManifestFor(message)));
                frames.WriteShortBytes(recipient.PathUtf8);
                frames.WriteShortBytes(sender is InternalActorRef s ? s.PathUtf8 : default);
                serializer.ToBinary(message, frames);
            }
            int body = frames.Length - at - 4;
            if (body > _settings.MaximumPayloadBytes)
            {
                frames.Truncate(start);
                _provider.System.Log.Error("message {0} to {1} is {2} bytes, over maximum-payload-bytes; dropped",
                    message.GetType().Name, recipient.Path, body);
                return;
            }
            if (body <= _settings.MaximumFrameSize)
            {
                frames.PatchLength(at);
                return;
            }
            // Too big for one frame: move the body aside and send it as a run of chunks.
            scratch.Reset();
            scratch.WriteBytes(frames.WrittenSpan.Slice(at + 4, body));
            frames.Truncate(start);
            int chunk = _settings.MaximumFrameSize - 16;
            var all = scratch.WrittenSpan;
            for (int offset = 0; offset < all.Length; offset += chunk)
            {
                int n = Math.Min(chunk, all.Length - offset);
                int c = frames.BeginFrame();
                frames.WriteByte(FrameKind.Chunk);
                frames.WriteByte(offset + n >= all.Length ? (byte)1 : (byte)0);
                frames.WriteBytes(all.Slice(offset, n));
                frames.PatchLength(c);
            }
            if (scratch.Length > 4 * 1024 * 1024) { scratch.Dispose(); }
        }
        catch (Exception e) when (e is not IOException)
        {
            frames.Truncate(start);
            _provider.System.Log.Error(e, "could not serialize {0} for {1}; dropped", message.GetType().Name, recipient.Path);
        }
    }

    private async Task<bool> TryConnect(CancellationToken token)
    {
        long gated = Volatile.Read(ref _gatedUntil);
        long wait = gated - Environment.TickCount64;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), token);
        }
        var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                timeout.CancelAfter(_settings.ConnectionTimeout);
                await client.ConnectAsync(RemoteAddress.Host!, RemoteAddress.Port!.Value, timeout.Token);
            }
            client.SendBufferSize = 1 << 20;
            client.ReceiveBufferSize = 1 << 20;
            var stream = client.GetStream();
            var uid = await InitiateHandshake(stream, token);
            if (_provider.IsQuarantined(RemoteAddress, uid))
                throw new HandshakeException($"{RemoteAddress} (uid {uid}) is quarantined; only a new incarnation may associate");
            ConnectedUid = uid;
            _client = client;
            _stream = stream;
            _provider.OnAssociated(this, uid, outbound: true);
            _loggedFailure = false;
            _ = DrainOutboundConnection(client, stream);
            return true;
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            client.Dispose();
            Volatile.Write(ref _gatedUntil, Environment.TickCount64 + (long)_settings.RetryGateClosedFor.TotalMilliseconds);
            if (!_loggedFailure)
            {
                _loggedFailure = true;
                _provider.System.Log.Warning("association with {0} failed, address is now gated for {1} ms: {2}",
                    RemoteAddress, _settings.RetryGateClosedFor.TotalMilliseconds, e.Message);
            }
            // Messages queued for a peer we cannot reach are dropped now rather than held back.
            while (_queue.TryDequeue(out var item))
            {
                Interlocked.Decrement(ref _queued);
                _provider.DeadLetter(item.Recipient, item.Message, item.Sender);
            }
            return false;
        }
    }

    private async Task<long> InitiateHandshake(Stream stream, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_settings.HandshakeTimeout);
        var ourAddress = _provider.System.Address.ToString();
        var nonce = Handshake.NewNonce();
        using (var hello = new FrameBuffer(256))
        {
            int at = hello.BeginFrame();
            hello.WriteByte(FrameKind.Associate);
            hello.WriteInt64(_provider.SystemUid);
            hello.WriteBytes(nonce);
            hello.WriteShortBytes(Encoding.UTF8.GetBytes(ourAddress));
            hello.PatchLength(at);
            await stream.WriteAsync(hello.WrittenMemory, timeout.Token);
        }
        using var reader = new FrameStreamReader(stream, 4096);
        var body = await reader.ReadFrameAsync(timeout.Token) ?? throw new HandshakeException($"{RemoteAddress} closed the connection during the handshake");
        long uid;
        byte[] peerNonce;
        string peerAddress;
        {
            var r = new FrameReader(body.Span);
            if (r.ReadByte() != FrameKind.AssociateAck) throw new HandshakeException($"{RemoteAddress} refused the association");
            uid = r.ReadInt64();
            peerNonce = r.ReadBytes(Handshake.NonceSize).ToArray();
            var proof = r.ReadBytes(Handshake.ProofSize).ToArray();
            peerAddress = Encoding.UTF8.GetString(r.ReadShortBytes());
            if (!Handshake.Verify(_settings.Secret, nonce, uid, peerAddress, proof))
                throw new HandshakeException($"{RemoteAddress} does not know the cluster secret");
            if (peerAddress != RemoteAddress.ToString())
                throw new HandshakeException($"expected {RemoteAddress} but {peerAddress} answered");
        }
        using (var confirm = new FrameBuffer(128))
        {
            int at = confirm.BeginFrame();
            confirm.WriteByte(FrameKind.AssociateConfirm);
            confirm.WriteBytes(Handshake.Proof(_settings.Secret, peerNonce, _provider.SystemUid, ourAddress));
            confirm.PatchLength(at);
            await stream.WriteAsync(confirm.WrittenMemory, timeout.Token);
        }
        return uid;
    }

    /// <summary>The peer never sends payload on our outbound connection; reading only notices that it closed.</summary>
    private async Task DrainOutboundConnection(TcpClient client, Stream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, _stop.Token) > 0) { }
        }
        catch (Exception) { }
        if (ReferenceEquals(_client, client)) CloseConnection();
    }

    private void CloseConnection()
    {
        var client = Interlocked.Exchange(ref _client, null);
        _stream = null;
        ConnectedUid = null;
        client?.Dispose();
        Wake();
    }

    public async Task StopAsync(TimeSpan flushTimeout)
    {
        var deadline = Environment.TickCount64 + (long)flushTimeout.TotalMilliseconds;
        while (_loop is not null && IsConnected && (UnackedCount > 0 || !_queue.IsEmpty) && Environment.TickCount64 < deadline)
            await Task.Delay(20);
        _stop.Cancel();
        Wake();
        if (_loop is not null)
        {
            try { await _loop.WaitAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        }
        CloseConnection();
    }
}
