namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Identity of a stored row for DELETE/UPDATE: the row group id in the high bits and the row's offset in
/// its group in the low <see cref="OffsetBits"/> bits. Stable until the row group is rewritten (VACUUM).
/// </summary>
public static class RowId
{
    public const int OffsetBits = 20;

    public static long Make(long rowGroupId, int offset) => (rowGroupId << OffsetBits) | (uint)offset;

    public static long RowGroupOf(long rowId) => rowId >> OffsetBits;

    public static int OffsetOf(long rowId) => (int)(rowId & ((1L << OffsetBits) - 1));
}
