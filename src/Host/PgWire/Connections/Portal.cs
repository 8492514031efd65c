using ActorWarehouse.Engine;
using ActorWarehouse.Host.PgWire.Types;

namespace ActorWarehouse.Host.PgWire.Connections;

/// <summary>
/// A bound statement (extended protocol) and, once executed, its result with a read position, so an Execute with a
/// row limit can stop (PortalSuspended) and the next Execute resume where it left off.
/// </summary>
internal sealed class Portal(PreparedStatement statement, IReadOnlyList<object?> parameters, short[] resultFormats)
{
    public PreparedStatement Statement { get; } = statement;

    public IReadOnlyList<object?> Parameters { get; } = parameters;

    /// <summary>The Bind message's result format codes as sent (none, one for all, or one per column).</summary>
    public short[] ResultFormats { get; } = resultFormats;

    public QueryResult? Result { get; set; }

    public RowEncoder? Encoder { get; set; }

    public int BatchIndex { get; set; }

    public int RowIndex { get; set; }

    /// <summary>True once CommandComplete was sent for it.</summary>
    public bool Completed { get; set; }

    /// <summary>One format code per column: none means text, one applies to all (Bind's rules).</summary>
    public static short[]? ExpandFormats(short[] formats, int columnCount)
    {
        if (formats.Length == columnCount) return formats;
        if (formats.Length == 0) return new short[columnCount];
        if (formats.Length == 1)
        {
            var all = new short[columnCount];
            Array.Fill(all, formats[0]);
            return all;
        }
        return null;
    }
}
