using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;

namespace ActorWarehouse.Engine.Storage.Writing;

/// <summary>Turns one row group's column vectors into stored blocks with zone maps.</summary>
internal static class RowGroupEncoder
{
    public static BlockRef EncodeColumn(IBlockStore store, ColumnLayout layout, ColumnVector column)
    {
        int count = column.Length;
        var zone = ZoneMaps.Compute(column, count);
        NullSlots.CarryForward(column);
        var requested = layout.Encoding == ColumnEncoding.Auto ? EncodingChooser.Choose(column, count) : layout.Encoding;
        var bytes = BlockCodec.Encode(column, count, requested, out var used);
        var id = store.Put(bytes);
        return new BlockRef(id, used, bytes.Length, zone);
    }
}
