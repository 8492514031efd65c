using System.Buffers;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// One compression encoding of a column block's values (the validity bitmap is handled by the block codec).
/// Values at NULL positions are arbitrary and need not survive a round trip.
/// </summary>
internal interface IBlockEncoding
{
    ColumnEncoding Encoding { get; }

    /// <summary>
    /// Encodes the first <paramref name="count"/> values. Returns false when this encoding cannot represent
    /// the data (e.g. more than 256 distinct values for BYTEDICT); the caller then discards the output.
    /// </summary>
    bool TryEncode(ColumnVector column, int count, IBufferWriter<byte> output);

    ColumnVector Decode(ref BlockReader reader, SqlType type, int count);
}
