using System.Numerics;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Immutable bitmap of deleted rows of one row group (bit set = row deleted). A DELETE produces a new
/// vector; the blocks themselves never change.
/// </summary>
public sealed class DeleteVector
{
    private readonly ulong[] _words;

    private DeleteVector(ulong[] words, int rowCount, int deletedCount)
    {
        _words = words;
        RowCount = rowCount;
        DeletedCount = deletedCount;
    }

    public int RowCount { get; }
    public int DeletedCount { get; }

    internal ReadOnlySpan<ulong> Words => _words;

    public bool IsDeleted(int row) => (_words[row >> 6] & (1UL << (row & 63))) != 0;

    /// <summary>A vector marking <paramref name="rows"/> deleted in addition to those of <paramref name="existing"/>.</summary>
    public static DeleteVector With(DeleteVector? existing, int rowCount, IEnumerable<int> rows)
    {
        var words = existing is null ? new ulong[(rowCount + 63) >> 6] : (ulong[])existing._words.Clone();
        foreach (int row in rows)
        {
            if ((uint)row >= (uint)rowCount) throw new ArgumentOutOfRangeException(nameof(rows), row, "row outside the row group");
            words[row >> 6] |= 1UL << (row & 63);
        }
        return new DeleteVector(words, rowCount, Count(words));
    }

    internal static DeleteVector FromWords(ulong[] words, int rowCount) => new(words, rowCount, Count(words));

    private static int Count(ulong[] words)
    {
        int count = 0;
        foreach (ulong w in words) count += BitOperations.PopCount(w);
        return count;
    }
}
