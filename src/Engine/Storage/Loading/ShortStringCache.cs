namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>
/// Per-column cache of recently converted short fields (raw bytes → final string), so low-cardinality text
/// columns (flags, modes, codes) share one string instance instead of allocating one per row. Direct-mapped:
/// a collision just replaces the slot.
/// </summary>
internal sealed class ShortStringCache
{
    public const int MaxFieldBytes = 32;
    private const int Slots = 512;

    private readonly byte[]?[] _keys = new byte[]?[Slots];
    private readonly string?[] _values = new string?[Slots];

    public bool TryGet(ReadOnlySpan<byte> field, out string value)
    {
        int slot = Slot(field);
        if (_keys[slot] is { } key && field.SequenceEqual(key))
        {
            value = _values[slot]!;
            return true;
        }
        value = "";
        return false;
    }

    public void Add(ReadOnlySpan<byte> field, string value)
    {
        int slot = Slot(field);
        _keys[slot] = field.ToArray();
        _values[slot] = value;
    }

    private static int Slot(ReadOnlySpan<byte> field)
    {
        uint hash = 2166136261;
        foreach (byte b in field) hash = (hash ^ b) * 16777619;
        return (int)(hash % Slots);
    }
}
