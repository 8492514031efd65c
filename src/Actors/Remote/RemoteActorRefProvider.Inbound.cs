using System.Net.Sockets;
using System.Text;
using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Remote.Transport;

namespace ActorWarehouse.Actors.Remote;

internal sealed partial class RemoteActorRefProvider
{
    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener!.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            client.NoDelay = true;
            client.ReceiveBufferSize = 1 << 20;
            _inbound[client] = 0;
            _ = Task.Run(() => HandleInbound(client));
        }
    }

    private async Task HandleInbound(TcpClient client)
    {
        var stream = client.GetStream();
        using var reader = new FrameStreamReader(stream, Settings.MaximumFrameSize);
        Association? association = null;
        try
        {
            association = await AcceptHandshake(stream, reader);
            if (association is null) return;
            long peerUid = association.RemoteUid!.Value;
            var reassembly = new FrameBuffer(1024);
            var cache = new InboundCache();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var body = await reader.ReadFrameAsync(_stop.Token);
                    if (body is null) break;
                    if (IsBlackholed(association.RemoteAddress)) continue;
                    association.LastHeardTicks = Environment.TickCount64;
                    if (!HandleFrame(association, peerUid, body.Value.Span, reassembly, cache)) break;
                }
            }
            finally
            {
                reassembly.Dispose();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            if (!_stop.IsCancellationRequested && association is not null)
                System.Log.Info("inbound connection from {0} closed: {1}", association.RemoteAddress, e.Message);
        }
        catch (Exception e)
        {
            System.Log.Error(e, "inbound connection failed");
        }
        finally
        {
            _inbound.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <summary>Runs the acceptor side of the handshake; null (and a closed socket) when the peer is refused.</summary>
    private async Task<Association?> AcceptHandshake(Stream stream, FrameStreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(Settings.HandshakeTimeout);
        var hello = await reader.ReadFrameAsync(timeout.Token);
        if (hello is null) return null;
        long peerUid;
        byte[] peerNonce;
        string peerAddressText;
        {
            var r = new FrameReader(hello.Value.Span);
            if (r.ReadByte() != FrameKind.Associate) throw new InvalidDataException("the first frame must be Associate");
            peerUid = r.ReadInt64();
            peerNonce = r.ReadBytes(Handshake.NonceSize).ToArray();
            peerAddressText = Encoding.UTF8.GetString(r.ReadShortBytes());
        }
        if (!Address.TryParse(peerAddressText, out var peerAddress, out _) || peerAddress.Host is null)
            throw new InvalidDataException($"malformed peer address '{peerAddressText}'");

        var ourAddress = System.Address.ToString();
        var nonce = Handshake.NewNonce();
        using (var ack = new FrameBuffer(256))
        {
            int at = ack.BeginFrame();
            ack.WriteByte(FrameKind.AssociateAck);
            ack.WriteInt64(SystemUid);
            ack.WriteBytes(nonce);
            ack.WriteBytes(Handshake.Proof(Settings.Secret, peerNonce, SystemUid, ourAddress));
            ack.WriteShortBytes(Encoding.UTF8.GetBytes(ourAddress));
            ack.PatchLength(at);
            await stream.WriteAsync(ack.WrittenMemory, timeout.Token);
        }
        var confirm = await reader.ReadFrameAsync(timeout.Token);
        if (confirm is null)
        {
            System.Log.Warning("refused association from {0}: it does not prove the cluster secret (handshake abandoned)", peerAddressText);
            return null;
        }
        {
            var r = new FrameReader(confirm.Value.Span);
            if (r.ReadByte() != FrameKind.AssociateConfirm || !Handshake.Verify(Settings.Secret, nonce, peerUid, peerAddressText, r.ReadBytes(Handshake.ProofSize)))
            {
                System.Log.Warning("refused association from {0}: it does not prove the cluster secret", peerAddressText);
                return null;
            }
        }
        if (IsQuarantined(peerAddress, peerUid))
        {
            System.Log.Warning("refused association from quarantined {0} (uid {1})", peerAddress, peerUid);
            return null;
        }
        var association = AssociationFor(peerAddress);
        OnAssociated(association, peerUid, outbound: false);
        return association;
    }

    /// <summary>Handles one frame of an established inbound connection; false closes it.</summary>
    /// <summary>
    /// Consecutive envelopes on a connection mostly share recipient, sender and manifest: remembering the last
    /// of each skips decoding and dictionary lookups on the hot path.
    /// </summary>
    private sealed class InboundCache
    {
        public byte[] Recipient = [];
        public InternalActorRef? RecipientRef;
        public byte[] Sender = [];
        public InternalActorRef? SenderRef;
        public byte[] Manifest = [];
        public string ManifestText = "";
    }

    private InternalActorRef ResolveCached(ReadOnlySpan<byte> path, ref byte[] lastBytes, ref InternalActorRef? lastRef)
    {
        if (lastRef is not null && path.SequenceEqual(lastBytes)) return lastRef;
        var resolved = ResolveWirePath(path);
        if (!ReferenceEquals(resolved, System.DeadLetters))
        {
            lastBytes = path.ToArray();
            lastRef = resolved;
        }
        return resolved;
    }

    private bool HandleFrame(Association association, long peerUid, ReadOnlySpan<byte> body, FrameBuffer reassembly, InboundCache cache)
    {
        switch (body[0])
        {
            case FrameKind.Envelope:
                DeliverEnvelope(association, peerUid, body, cache);
                return true;
            case FrameKind.Chunk:
                reassembly.WriteBytes(body[2..]);
                if (reassembly.Length > Settings.MaximumPayloadBytes + 1024)
                    throw new InvalidDataException("reassembled message exceeds maximum-payload-bytes");
                if (body[1] == 1)
                {
                    DeliverEnvelope(association, peerUid, reassembly.WrittenSpan, cache);
                    // Keep small buffers pooled for the next large message; give huge ones back.
                    if (reassembly.Length > 8 * 1024 * 1024) reassembly.Dispose();
                    reassembly.Reset();
                }
                return true;
            case FrameKind.Ack:
            {
                var r = new FrameReader(body[1..]);
                association.OnAck(r.ReadInt64());
                return true;
            }
            case FrameKind.Heartbeat:
                if (body.Length > 1 && body[1] == 1) association.SendHeartbeat(askForReply: false);
                return true;
            case FrameKind.Disassociate:
                System.Log.Info("{0} disassociated (reason {1})", association.RemoteAddress, body.Length > 1 ? body[1] : 0);
                return false;
            default:
                throw new InvalidDataException($"unknown frame kind {body[0]}");
        }
    }

    private void DeliverEnvelope(Association association, long peerUid, ReadOnlySpan<byte> body, InboundCache cache)
    {
        var r = new FrameReader(body[1..]);
        long seq = r.ReadInt64();
        int serializerId = r.ReadInt32();
        var manifest = r.ReadShortBytes();
        var recipientPath = r.ReadShortBytes();
        var senderPath = r.ReadShortBytes();
        var payload = r.Rest;

        if (seq > 0)
        {
            if (Volatile.Read(ref DropNextInboundSystemMessages) > 0 && Interlocked.Decrement(ref DropNextInboundSystemMessages) >= 0)
                return; // fault injection: as if the frame was lost on the way (no delivery, no ack)
            // System messages: in order, exactly once per incarnation; duplicates and gaps only re-acknowledge.
            var key = (association.RemoteAddress, peerUid);
            long expected = _inboundSeq.GetOrAdd(key, 1);
            if (seq == expected)
            {
                _inboundSeq[key] = expected + 1;
                DeliverSystem(recipientPath, payload);
                association.ScheduleAck(seq);
            }
            else
            {
                association.ScheduleAck(expected - 1);
            }
            return;
        }

        var recipient = ResolveCached(recipientPath, ref cache.Recipient, ref cache.RecipientRef);
        var sender = senderPath.IsEmpty ? null : ResolveCached(senderPath, ref cache.Sender, ref cache.SenderRef);
        string manifestText;
        if (manifest.IsEmpty) manifestText = "";
        else if (manifest.SequenceEqual(cache.Manifest)) manifestText = cache.ManifestText;
        else
        {
            manifestText = ManifestText(manifest);
            cache.Manifest = manifest.ToArray();
            cache.ManifestText = manifestText;
        }
        object message;
        try
        {
            message = System.Serialization.Deserialize(payload, serializerId, manifestText);
        }
        catch (Exception e)
        {
            System.Log.Warning("dropped a message from {0} that could not be deserialized: {1}", association.RemoteAddress, e.Message);
            return;
        }
        if (message is SelectionEnvelope selection)
        {
            ActorSelection.DeliverLocally(System, recipient, selection.Elements, selection.Message, sender);
            return;
        }
        recipient.Tell(message, sender);
    }

    private string ManifestText(ReadOnlySpan<byte> utf8)
    {
        // Manifests repeat: reuse the strings we already know (they are keys of _manifests).
        Span<char> chars = stackalloc char[utf8.Length];
        int n = Encoding.UTF8.GetChars(utf8, chars);
        var lookup = _manifests.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..n], out var actualKey, out _)) return actualKey;
        var text = new string(chars[..n]);
        _manifests.TryAdd(text, utf8.ToArray());
        return text;
    }

    private void DeliverSystem(ReadOnlySpan<byte> recipientPath, ReadOnlySpan<byte> payload)
    {
        SystemMessageSerializer.Decoded decoded;
        try { decoded = SystemMessageSerializer.Read(payload); }
        catch (Exception e)
        {
            System.Log.Error(e, "malformed system message dropped");
            return;
        }
        switch (decoded.Kind)
        {
            case 1:
            case 2:
            {
                var watcher = System.ResolveActorRef(decoded.Second);
                var watchee = System.ResolveActorRef(decoded.First);
                if (ReferenceEquals(watchee, System.DeadLetters))
                {
                    // Watching something that is gone: answer at once, naming the actor as the watcher knows it.
                    if (decoded.Kind == 1 && ActorPath.TryParse(decoded.First, out var path))
                        watcher.SendSystemMessage(new DeathWatchNotification(new EmptyLocalActorRef(path!), existenceConfirmed: false, addressTerminated: false));
                    return;
                }
                watchee.SendSystemMessage(decoded.Kind == 1 ? new Watch(watchee, watcher) : new Unwatch(watchee, watcher));
                break;
            }
            case 3:
            {
                var watcher = ResolveWirePath(recipientPath);
                var dead = System.ResolveActorRef(decoded.First);
                if (dead is RemoteActorRef remote) Watcher.RemoveWatch(remote, watcher);
                watcher.SendSystemMessage(new DeathWatchNotification(dead, decoded.ExistenceConfirmed, decoded.AddressTerminated));
                break;
            }
        }
    }
}
