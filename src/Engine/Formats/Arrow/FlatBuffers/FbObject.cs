using System.Buffers.Binary;

namespace ActorWarehouse.Engine.Formats.Arrow.FlatBuffers;

/// <summary>A value to serialize as FlatBuffers: a table, a string or a vector.</summary>
internal abstract class FbObject
{
}

/// <summary>
/// A FlatBuffers table under construction: scalar fields by vtable slot, plus references to
/// child objects (strings, vectors, tables). Union values are written as a type byte in one slot
/// and a reference in the next, as the schema compiler lays them out.
/// </summary>
internal sealed class FbTable : FbObject
{
    internal readonly List<(int Slot, int Size, long Value)> Scalars = [];
    internal readonly List<(int Slot, FbObject Child)> References = [];

    public FbTable Byte(int slot, byte value) => Scalar(slot, 1, value);
    public FbTable Bool(int slot, bool value) => Scalar(slot, 1, value ? 1 : 0);
    public FbTable Short(int slot, short value) => Scalar(slot, 2, value);
    public FbTable Int(int slot, int value) => Scalar(slot, 4, value);
    public FbTable Long(int slot, long value) => Scalar(slot, 8, value);

    public FbTable Ref(int slot, FbObject? child)
    {
        if (child is not null) References.Add((slot, child));
        return this;
    }

    private FbTable Scalar(int slot, int size, long value)
    {
        Scalars.Add((slot, size, value));
        return this;
    }
}

internal sealed class FbString(string value) : FbObject
{
    public string Value { get; } = value;
}

internal sealed class FbTableVector(IReadOnlyList<FbTable> items) : FbObject
{
    public IReadOnlyList<FbTable> Items { get; } = items;
}

/// <summary>A vector of structs made of 64-bit integers (Arrow's FieldNode and Buffer are two longs each).</summary>
internal sealed class FbLongStructVector(int longsPerStruct) : FbObject
{
    private readonly List<long> _longs = [];

    public int LongsPerStruct { get; } = longsPerStruct;
    public int Count => _longs.Count / LongsPerStruct;
    internal IReadOnlyList<long> Longs => _longs;

    public void Add(long a, long b)
    {
        if (LongsPerStruct != 2) throw new InvalidOperationException("struct has " + LongsPerStruct + " fields");
        _longs.Add(a);
        _longs.Add(b);
    }

    internal void WriteTo(Span<byte> destination)
    {
        for (int i = 0; i < _longs.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(destination[(i * 8)..], _longs[i]);
    }
}
