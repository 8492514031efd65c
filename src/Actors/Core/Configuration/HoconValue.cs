namespace ActorWarehouse.Actors.Configuration;

/// <summary>A node of a parsed HOCON tree: an object, an array, a scalar, or an unresolved substitution.</summary>
internal abstract class HoconValue
{
    public abstract HoconValue DeepCopy();
}

internal sealed class HoconObject : HoconValue
{
    // Insertion order is kept so that phases, lists of settings and diagnostics read as written.
    public readonly Dictionary<string, HoconValue> Fields = new(StringComparer.Ordinal);
    public readonly List<string> Order = [];

    public void Set(string key, HoconValue value)
    {
        if (!Fields.ContainsKey(key)) Order.Add(key);
        Fields[key] = value;
    }

    /// <summary>Merges <paramref name="value"/> into the field: objects merge key by key, anything else replaces.</summary>
    public void Merge(string key, HoconValue value)
    {
        if (Fields.TryGetValue(key, out var existing) && existing is HoconObject left && value is HoconObject right)
        {
            foreach (var k in right.Order) left.Merge(k, right.Fields[k]);
            return;
        }
        Set(key, value);
    }

    public override HoconValue DeepCopy()
    {
        var copy = new HoconObject();
        foreach (var k in Order) copy.Set(k, Fields[k].DeepCopy());
        return copy;
    }
}

internal sealed class HoconArray(List<HoconValue> items) : HoconValue
{
    public readonly List<HoconValue> Items = items;
    public override HoconValue DeepCopy() => new HoconArray(Items.Select(i => i.DeepCopy()).ToList());
}

internal sealed class HoconScalar(string text, bool isNull = false) : HoconValue
{
    public readonly string Text = text;
    public readonly bool IsNull = isNull;
    public override HoconValue DeepCopy() => this;
}

/// <summary>A ${path} or ${?path} reference, replaced by the referenced value once the whole tree is parsed.</summary>
internal sealed class HoconSubstitution(string path, bool optional) : HoconValue
{
    public readonly string Path = path;
    public readonly bool Optional = optional;
    public override HoconValue DeepCopy() => this;
}
