using System.Collections.Immutable;
using System.Text.Json;
using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Catalog;

/// <summary>
/// The journal payload of a catalog version: JSON (System.Text.Json) with each table's manifest embedded in
/// storage's binary manifest format (base64). One payload = one whole version, written atomically by the journal.
/// </summary>
public static class CatalogSerializer
{
    private sealed record ColumnDto(string Name, TypeId Type, int Precision, int Scale, int Length, bool NotNull, string? Default,
        long? IdentitySeed, long? IdentityStep, string Encoding);

    private sealed record TableDto(long Id, string Schema, string Name, List<ColumnDto> Columns, DistStyle DistStyle, int DistKey,
        List<int> SortKey, int SliceCount, string Manifest, List<long> IdentityNext);

    private sealed record ViewDto(long Id, string Schema, string Name, List<string>? Columns, string Query);

    private sealed record SequenceDto(long Id, string Schema, string Name, long Increment, long MinValue, long MaxValue, long Start, long Cache,
        bool Cycle, long LastValue, bool IsCalled);

    private sealed record UserDto(int Id, string Name, bool Superuser, bool CreateDb, string? Scram, string? Md5, string? ValidUntil, int ConnectionLimit);

    /// <summary><paramref name="Sequences"/> and <paramref name="Users"/> are null in payloads written before they existed.</summary>
    private sealed record CatalogDto(int Format, long Version, long NextObjectId, List<string> Schemas, List<TableDto> Tables, List<ViewDto> Views,
        List<SequenceDto>? Sequences, List<UserDto>? Users = null);

    private const int FormatVersion = 1;

    public static byte[] Serialize(CatalogVersion catalog)
    {
        var dto = new CatalogDto(FormatVersion, catalog.Version, catalog.NextObjectId, catalog.Schemas.ToList(),
            catalog.Tables.Values.Select(t => new TableDto(
                t.Definition.Id, t.Definition.Schema, t.Definition.Name,
                t.Definition.Columns.Select(c => new ColumnDto(c.Name, c.Type.Id, c.Type.Precision, c.Type.Scale, c.Type.Length, c.NotNull,
                    c.DefaultSql, c.Identity?.Seed, c.Identity?.Step, c.Encoding)).ToList(),
                t.Definition.DistStyle, t.Definition.DistKeyOrdinal, t.Definition.SortKeyOrdinals.ToList(), t.Definition.SliceCount,
                Convert.ToBase64String(ManifestSerializer.Serialize(t.Manifest)), t.IdentityNext.ToList())).ToList(),
            catalog.Views.Values.Select(v => new ViewDto(v.Id, v.Schema, v.Name, v.ColumnNames?.ToList(), v.QueryText)).ToList(),
            catalog.Sequences.Values.Select(q =>
            {
                var value = catalog.SequenceValues.GetValueOrDefault(q.Id) ?? new SequenceValue(q.Start, false);
                return new SequenceDto(q.Id, q.Schema, q.Name, q.Increment, q.MinValue, q.MaxValue, q.Start, q.Cache, q.Cycle, value.LastValue, value.IsCalled);
            }).ToList(),
            catalog.Users.Values.Select(u => new UserDto(u.Id, u.Name, u.IsSuperuser, u.CanCreateDatabase, u.ScramSha256Verifier, u.Md5Password,
                u.ValidUntil, u.ConnectionLimit)).ToList());
        return JsonSerializer.SerializeToUtf8Bytes(dto);
    }

    public static CatalogVersion Deserialize(ReadOnlySpan<byte> payload)
    {
        CatalogDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<CatalogDto>(payload) ?? throw new JsonException("empty payload");
        }
        catch (JsonException e)
        {
            throw new SqlException(SqlState.DataCorrupted, $"catalog payload is unreadable: {e.Message}");
        }
        if (dto.Format != FormatVersion)
            throw new SqlException(SqlState.DataCorrupted, $"catalog payload format {dto.Format} is not supported");
        var tables = ImmutableSortedDictionary.CreateBuilder<string, TableEntry>(StringComparer.Ordinal);
        foreach (var t in dto.Tables)
        {
            var columns = t.Columns.Select(c => new ColumnDefinition(c.Name, new SqlType(c.Type, c.Precision, c.Scale, c.Length), c.NotNull, c.Default,
                c.IdentitySeed is { } seed ? new IdentitySpec(seed, c.IdentityStep ?? 1) : null, c.Encoding)).ToList();
            var definition = new TableDefinition(t.Id, t.Schema, t.Name, columns, t.DistStyle, t.DistKey, t.SortKey, t.SliceCount);
            tables[definition.QualifiedName] = new TableEntry(definition, ManifestSerializer.Deserialize(Convert.FromBase64String(t.Manifest)), t.IdentityNext);
        }
        var views = ImmutableSortedDictionary.CreateBuilder<string, ViewDefinition>(StringComparer.Ordinal);
        foreach (var v in dto.Views)
        {
            var view = new ViewDefinition(v.Id, v.Schema, v.Name, v.Columns, v.Query);
            views[view.QualifiedName] = view;
        }
        var sequences = ImmutableSortedDictionary.CreateBuilder<string, SequenceDefinition>(StringComparer.Ordinal);
        var values = ImmutableSortedDictionary.CreateBuilder<long, SequenceValue>();
        foreach (var q in dto.Sequences ?? [])
        {
            var sequence = new SequenceDefinition(q.Id, q.Schema, q.Name, q.Increment, q.MinValue, q.MaxValue, q.Start, q.Cache, q.Cycle);
            sequences[sequence.QualifiedName] = sequence;
            values[q.Id] = new SequenceValue(q.LastValue, q.IsCalled);
        }
        var users = ImmutableSortedDictionary.CreateBuilder<string, Security.UserAccount>(StringComparer.Ordinal);
        foreach (var u in dto.Users ?? [])
            users[u.Name] = new Security.UserAccount(u.Id, u.Name, u.Superuser, u.Scram, u.Md5)
            {
                CanCreateDatabase = u.CreateDb,
                ValidUntil = u.ValidUntil,
                ConnectionLimit = u.ConnectionLimit,
            };
        return new CatalogVersion(dto.Version, dto.NextObjectId, ImmutableSortedSet.CreateRange(StringComparer.Ordinal, dto.Schemas),
            tables.ToImmutable(), views.ToImmutable())
        {
            Sequences = sequences.ToImmutable(),
            SequenceValues = values.ToImmutable(),
            Users = users.ToImmutable(),
        };
    }
}
