using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>The `N values hashing to MD5` form: MD5 of every (sorted, rendered) value followed by '\n'.</summary>
public static partial class SltHash
{
    public static string Md5(IEnumerable<string> values)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var newline = "\n"u8.ToArray();
        foreach (var value in values)
        {
            md5.AppendData(Encoding.UTF8.GetBytes(value));
            md5.AppendData(newline);
        }
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    public static string Line(int count, string md5) => $"{count} values hashing to {md5}";

    /// <summary>Reads a hash line; false when the line is something else.</summary>
    public static bool TryParse(string line, out int count, out string md5)
    {
        var match = HashLine().Match(line.Trim());
        count = match.Success ? int.Parse(match.Groups[1].Value) : 0;
        md5 = match.Success ? match.Groups[2].Value.ToLowerInvariant() : "";
        return match.Success;
    }

    [GeneratedRegex(@"^(\d+) values hashing to ([0-9a-fA-F]{32})$")]
    private static partial Regex HashLine();
}
