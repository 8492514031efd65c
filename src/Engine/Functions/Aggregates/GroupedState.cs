namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>Growable per-group arrays: doubling growth keeps EnsureGroups amortised O(1) per group.</summary>
internal static class GroupedState
{
    public static void Grow<T>(ref T[] array, int groupCount)
    {
        if (array.Length >= groupCount) return;
        int size = Math.Max(groupCount, Math.Max(16, array.Length * 2));
        Array.Resize(ref array, size);
    }

    public static void Grow<T>(ref T[] array, int groupCount, T fill)
    {
        int old = array.Length;
        if (old >= groupCount) return;
        Grow(ref array, groupCount);
        Array.Fill(array, fill, old, array.Length - old);
    }
}
