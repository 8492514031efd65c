using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Casting;

/// <summary>
/// Decides when a string → string cast leaves every value's bytes as they are, so the input's offsets and data
/// can be shared under the new type instead of decoded and re-encoded. Mirrors <see cref="TextCasts.FromText"/>
/// (keep them in step): to CHAR trailing blanks go; to TEXT or unbounded VARCHAR a CHAR source's trailing blanks go;
/// with a declared length, longer values are truncated or rejected. A value of at most n UTF-8 bytes has at most
/// n UTF-16 units (the unit the length check counts), so testing bytes is enough.
/// </summary>
internal static class StringRetype
{
    public static bool KeepsBytes(StringVector input, SqlType target)
    {
        bool dropsTrailingBlanks = target.Id == TypeId.Char || (input.Type.Id == TypeId.Char && target.Length == 0);
        int limit = target.Length;
        if (!dropsTrailingBlanks && limit == 0) return true;
        var validity = input.Validity;
        for (int i = 0; i < input.Length; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            var bytes = input.GetBytes(i);
            if (limit > 0 && bytes.Length > limit) return false;
            // 0x20 ends a UTF-8 string only as U+0020 (continuation bytes are ≥ 0x80).
            if (dropsTrailingBlanks && bytes.Length > 0 && bytes[^1] == (byte)' ') return false;
        }
        return true;
    }
}
