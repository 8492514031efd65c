using System.Buffers.Binary;
using System.Text;

namespace ActorWarehouse.Engine.Formats.Arrow.FlatBuffers;

/// <summary>
/// Lays out a tree of <see cref="FbObject"/>s as a FlatBuffers buffer. Unlike the reference builder
/// (which writes back to front) this writes front to back: every object is placed after the object
/// referring to it, so every unsigned offset points forward as the format requires, and each vtable
/// sits just before its table (a positive signed offset). Scalars are aligned to their size; the
/// buffer itself is assumed to start 8-byte aligned.
/// </summary>
internal static class FbSerializer
{
    public static byte[] Serialize(FbTable root)
    {
        var output = new Output();
        output.Grow(4);
        var pending = new Queue<(int ReferencePosition, FbObject Target)>();
        pending.Enqueue((0, root));
        while (pending.Count > 0)
        {
            var (referencePosition, target) = pending.Dequeue();
            int position = target switch
            {
                FbTable table => EmitTable(output, table, pending),
                FbString text => EmitString(output, text),
                FbTableVector vector => EmitTableVector(output, vector, pending),
                FbLongStructVector structs => EmitStructVector(output, structs),
                _ => throw new InvalidOperationException("unknown FlatBuffers object " + target.GetType().Name),
            };
            BinaryPrimitives.WriteUInt32LittleEndian(output.At(referencePosition, 4), (uint)(position - referencePosition));
        }
        return output.ToArray();
    }

    private static int EmitTable(Output output, FbTable table, Queue<(int, FbObject)> pending)
    {
        int slotCount = 0;
        foreach (var s in table.Scalars) slotCount = Math.Max(slotCount, s.Slot + 1);
        foreach (var r in table.References) slotCount = Math.Max(slotCount, r.Slot + 1);

        // Inline layout: the 4-byte vtable offset, then fields by decreasing size so each is aligned.
        var fieldOffsets = new int[slotCount];
        int inlineSize = 4;
        foreach (int size in (ReadOnlySpan<int>)[8, 4, 2, 1])
        {
            foreach (var s in table.Scalars)
                if (s.Size == size) fieldOffsets[s.Slot] = Place(ref inlineSize, size);
            if (size == 4)
                foreach (var r in table.References) fieldOffsets[r.Slot] = Place(ref inlineSize, 4);
        }

        output.Align(2);
        int vtablePosition = output.Length;
        int vtableSize = 4 + 2 * slotCount;
        output.Grow(vtableSize);
        output.Align(8);
        int tablePosition = output.Length;
        output.Grow(inlineSize);

        var vtable = output.At(vtablePosition, vtableSize);
        BinaryPrimitives.WriteUInt16LittleEndian(vtable, (ushort)vtableSize);
        BinaryPrimitives.WriteUInt16LittleEndian(vtable[2..], (ushort)inlineSize);
        for (int slot = 0; slot < slotCount; slot++)
            BinaryPrimitives.WriteUInt16LittleEndian(vtable[(4 + 2 * slot)..], (ushort)fieldOffsets[slot]);

        BinaryPrimitives.WriteInt32LittleEndian(output.At(tablePosition, 4), tablePosition - vtablePosition);
        foreach (var s in table.Scalars)
        {
            var field = output.At(tablePosition + fieldOffsets[s.Slot], s.Size);
            switch (s.Size)
            {
                case 1: field[0] = (byte)s.Value; break;
                case 2: BinaryPrimitives.WriteInt16LittleEndian(field, (short)s.Value); break;
                case 4: BinaryPrimitives.WriteInt32LittleEndian(field, (int)s.Value); break;
                default: BinaryPrimitives.WriteInt64LittleEndian(field, s.Value); break;
            }
        }
        foreach (var r in table.References) pending.Enqueue((tablePosition + fieldOffsets[r.Slot], r.Child));
        return tablePosition;
    }

    private static int Place(ref int offset, int size)
    {
        offset = (offset + size - 1) / size * size;
        int placed = offset;
        offset += size;
        return placed;
    }

    private static int EmitString(Output output, FbString text)
    {
        output.Align(4);
        int position = output.Length;
        int byteCount = Encoding.UTF8.GetByteCount(text.Value);
        output.Grow(4 + byteCount + 1);
        BinaryPrimitives.WriteInt32LittleEndian(output.At(position, 4), byteCount);
        Encoding.UTF8.GetBytes(text.Value, output.At(position + 4, byteCount));
        return position;
    }

    private static int EmitTableVector(Output output, FbTableVector vector, Queue<(int, FbObject)> pending)
    {
        output.Align(4);
        int position = output.Length;
        output.Grow(4 + 4 * vector.Items.Count);
        BinaryPrimitives.WriteInt32LittleEndian(output.At(position, 4), vector.Items.Count);
        for (int i = 0; i < vector.Items.Count; i++) pending.Enqueue((position + 4 + 4 * i, vector.Items[i]));
        return position;
    }

    private static int EmitStructVector(Output output, FbLongStructVector vector)
    {
        // The elements must be 8-byte aligned, so the 4-byte length goes 4 bytes before an 8-byte boundary.
        output.Align(8);
        output.Grow(4);
        int position = output.Length;
        int byteCount = vector.Longs.Count * 8;
        output.Grow(4 + byteCount);
        BinaryPrimitives.WriteInt32LittleEndian(output.At(position, 4), vector.Count);
        vector.WriteTo(output.At(position + 4, byteCount));
        return position;
    }

    private sealed class Output
    {
        private byte[] _bytes = new byte[256];

        public int Length { get; private set; }

        public void Grow(int count)
        {
            if (Length + count > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
            Length += count; // new bytes are zero: arrays start zeroed and are never shrunk
        }

        public void Align(int alignment)
        {
            int padding = (alignment - Length % alignment) % alignment;
            Grow(padding);
        }

        public Span<byte> At(int position, int count) => _bytes.AsSpan(position, count);

        public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();
    }
}
