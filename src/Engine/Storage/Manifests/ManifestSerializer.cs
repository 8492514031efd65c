using System.Text;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Binary form of a <see cref="TableManifest"/>, for the planner to embed in its catalog payload
/// (or to store as a block). Little-endian, versioned; unreadable input raises XX001.
/// </summary>
public static class ManifestSerializer
{
    private const uint Magic = 0x4D575741; // "AWWM"
    // 1: text zone-map bounds chosen in UTF-16 code unit order (builds before the UTF-8 string layout), read
    // through LegacyTextBounds. 2: text bounds in code point order. The byte layout is the same.
    private const byte FormatVersion = 2;
    private const byte FirstCodePointTextVersion = 2;

    public static byte[] Serialize(TableManifest manifest)
    {
        using var stream = new MemoryStream();
        Write(new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true), manifest);
        return stream.ToArray();
    }

    public static TableManifest Deserialize(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(new BinaryReader(stream, Encoding.UTF8));
    }

    public static void Write(BinaryWriter w, TableManifest manifest)
    {
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(manifest.SliceCount);
        w.Write(manifest.IsReplicated);
        w.Write(manifest.EvenCursor);
        w.Write(manifest.NextRowGroupId);
        w.Write(manifest.Slices.Count);
        foreach (var slice in manifest.Slices)
        {
            w.Write(slice.Slice);
            w.Write(slice.RowGroups.Count);
            foreach (var group in slice.RowGroups) WriteGroup(w, group);
        }
    }

    public static TableManifest Read(BinaryReader r)
    {
        try
        {
            if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a table manifest");
            byte version = r.ReadByte();
            if (version is < 1 or > FormatVersion) throw new InvalidDataException($"unknown manifest format version {version}");
            int sliceCount = r.ReadInt32();
            bool replicated = r.ReadBoolean();
            long evenCursor = r.ReadInt64();
            long nextGroupId = r.ReadInt64();
            int slices = r.ReadInt32();
            if (slices != sliceCount || slices < 1) throw new InvalidDataException("slice count mismatch");
            var list = new SliceManifest[slices];
            for (int s = 0; s < slices; s++)
            {
                int sliceNumber = r.ReadInt32();
                int groupCount = r.ReadInt32();
                if (sliceNumber != s || groupCount < 0) throw new InvalidDataException("slice out of order");
                var groups = new RowGroup[groupCount];
                for (int g = 0; g < groupCount; g++) groups[g] = ReadGroup(r, version);
                list[s] = new SliceManifest(s, groups);
            }
            return new TableManifest(sliceCount, replicated, evenCursor, nextGroupId, list);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or FormatException)
        {
            throw new SqlException(SqlState.DataCorrupted, $"corrupt table manifest: {e.Message}", inner: e);
        }
    }

    private static void WriteGroup(BinaryWriter w, RowGroup group)
    {
        w.Write(group.Id);
        w.Write(group.RowCount);
        w.Write(group.Blocks.Count);
        foreach (var block in group.Blocks)
        {
            w.Write(Convert.FromHexString(block.Id.Hex));
            w.Write((byte)block.Encoding);
            w.Write(block.ByteLength);
            WriteZone(w, block.Zone);
        }
        if (group.Deletes is { } deletes)
        {
            w.Write(true);
            var words = deletes.Words;
            w.Write(words.Length);
            foreach (ulong word in words) w.Write(word);
        }
        else w.Write(false);
    }

    private static RowGroup ReadGroup(BinaryReader r, byte version)
    {
        long id = r.ReadInt64();
        int rowCount = r.ReadInt32();
        int blockCount = r.ReadInt32();
        if (rowCount < 0 || rowCount > RowGroup.MaxRows || blockCount < 0) throw new InvalidDataException("bad row group header");
        var blocks = new BlockRef[blockCount];
        for (int b = 0; b < blockCount; b++)
        {
            var blockId = new BlockId(Convert.ToHexStringLower(r.ReadBytes(32)));
            var encoding = (ColumnEncoding)r.ReadByte();
            int length = r.ReadInt32();
            var zone = ReadZone(r);
            if (version < FirstCodePointTextVersion) zone = LegacyTextBounds.ToCodePointOrder(zone);
            blocks[b] = new BlockRef(blockId, encoding, length, zone);
        }
        DeleteVector? deletes = null;
        if (r.ReadBoolean())
        {
            int wordCount = r.ReadInt32();
            if (wordCount != (rowCount + 63) >> 6) throw new InvalidDataException("delete vector size mismatch");
            var words = new ulong[wordCount];
            for (int i = 0; i < wordCount; i++) words[i] = r.ReadUInt64();
            deletes = DeleteVector.FromWords(words, rowCount);
        }
        return new RowGroup(id, rowCount, blocks, deletes);
    }

    private static void WriteZone(BinaryWriter w, ZoneMap zone)
    {
        w.Write(zone.RowCount);
        w.Write(zone.NullCount);
        w.Write(zone.HasRange);
        w.Write(zone.MaxUnbounded);
        WriteValue(w, zone.Min);
        WriteValue(w, zone.Max);
    }

    private static ZoneMap ReadZone(BinaryReader r)
    {
        int rows = r.ReadInt32();
        int nulls = r.ReadInt32();
        bool hasRange = r.ReadBoolean();
        bool maxUnbounded = r.ReadBoolean();
        var min = ReadValue(r);
        var max = ReadValue(r);
        return new ZoneMap(rows, nulls, hasRange, min, max, maxUnbounded);
    }

    private static void WriteValue(BinaryWriter w, ZoneValue value)
    {
        w.Write((ulong)value.Integer);
        w.Write((ulong)(value.Integer >> 64));
        w.Write(value.Float);
        w.Write(value.Text is not null);
        if (value.Text is not null) w.Write(value.Text);
    }

    private static ZoneValue ReadValue(BinaryReader r)
    {
        ulong low = r.ReadUInt64();
        ulong high = r.ReadUInt64();
        double f = r.ReadDouble();
        string? text = r.ReadBoolean() ? r.ReadString() : null;
        return new ZoneValue((Int128)new UInt128(high, low), f, text);
    }
}
