namespace ActorWarehouse.Actors.Remote.Transport;

/// <summary>
/// Our wire protocol (ours, shaped after Akka's AkkaProtocolMessage): every frame is a 4-byte little-endian
/// length followed by a body whose first byte is the kind.
/// <code>
/// Associate        kind uid:i64 nonce:32 address:u16+utf8                (initiator hello)
/// AssociateAck     kind uid:i64 nonce:32 proof:32 address:u16+utf8       (acceptor proves the secret)
/// AssociateConfirm kind proof:32                                         (initiator proves the secret)
/// Envelope         kind seq:i64 serializer:i32 manifest recipient sender payload...  (seq 0 = user message)
/// Chunk            kind last:u8 bytes...   (an Envelope body larger than the frame limit, cut in pieces)
/// Ack              kind seq:i64            (cumulative acknowledgement of system messages)
/// Heartbeat        kind
/// Disassociate     kind reason:u8
/// </code>
/// </summary>
internal static class FrameKind
{
    public const byte Associate = 1;
    public const byte AssociateAck = 2;
    public const byte AssociateConfirm = 3;
    public const byte Envelope = 4;
    public const byte Chunk = 5;
    public const byte Ack = 6;
    public const byte Heartbeat = 7;
    public const byte Disassociate = 8;
}

internal static class DisassociateReason
{
    public const byte ShuttingDown = 4;
    public const byte Quarantined = 5;
}
