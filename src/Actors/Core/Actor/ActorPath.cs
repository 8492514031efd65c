using System.Globalization;
using System.Text;

namespace ActorWarehouse.Actors;

/// <summary>
/// An actor's address plus its names from the root, e.g. <c>akka.tcp://Sys@127.0.0.1:4053/user/orders/o-17</c>.
/// Equality ignores the UID (the path names a position, the UID an incarnation at that position).
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    public const long UndefinedUid = 0;

    private readonly string[] _elements;
    private string? _text;

    public ActorPath(Address address, IReadOnlyList<string> elements, long uid = UndefinedUid)
    {
        Address = address;
        _elements = elements.ToArray();
        Uid = uid;
    }

    public Address Address { get; }
    public IReadOnlyList<string> Elements => _elements;
    public long Uid { get; }
    public string Name => _elements.Length == 0 ? "" : _elements[^1];
    public ActorPath Root => new(Address, []);
    public ActorPath Parent => _elements.Length == 0 ? this : new ActorPath(Address, _elements[..^1]);

    public static ActorPath operator /(ActorPath path, string name)
    {
        ValidateName(name);
        return new ActorPath(path.Address, [.. path._elements, name]);
    }

    public ActorPath WithUid(long uid) => new(Address, _elements, uid);

    internal ActorPath WithAddress(Address address) => new(address, _elements, Uid);

    /// <summary>The path elements as written after the address: <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress() => _elements.Length == 0 ? "/" : "/" + string.Join('/', _elements);

    public override string ToString() => _text ??= Address + ToStringWithoutAddress();

    public string ToSerializationFormat() =>
        Uid == UndefinedUid ? ToString() : ToString() + "#" + Uid.ToString(CultureInfo.InvariantCulture);

    public static ActorPath Parse(string text)
    {
        if (!TryParse(text, out var path)) throw new UriFormatException($"'{text}' is not an actor path");
        return path!;
    }

    public static bool TryParse(string text, out ActorPath? path)
    {
        path = null;
        if (!Address.TryParse(text, out var address, out var pathStart)) return false;
        var rest = text[pathStart..];
        long uid = UndefinedUid;
        int hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(rest[(hash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out uid)) return false;
            rest = rest[..hash];
        }
        var elements = rest.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        path = new ActorPath(address, elements, uid);
        return true;
    }

    internal static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidActorNameException("actor name must not be empty");
        foreach (var c in name)
        {
            if (c == '/' || c == '#' || char.IsWhiteSpace(c) || char.IsControl(c))
                throw new InvalidActorNameException($"illegal actor name '{name}': no '/', '#', spaces or control characters");
        }
    }

    public bool Equals(ActorPath? other) =>
        other is not null && Address.Equals(other.Address) && _elements.AsSpan().SequenceEqual(other._elements);

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Address);
        foreach (var e in _elements) hash.Add(e);
        return hash.ToHashCode();
    }

    public int CompareTo(ActorPath? other) => string.CompareOrdinal(ToString(), other?.ToString());

    internal static string Describe(IEnumerable<string> elements)
    {
        var sb = new StringBuilder();
        foreach (var e in elements) sb.Append('/').Append(e);
        return sb.ToString();
    }
}
