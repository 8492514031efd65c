using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Sequential scan of a table at the statement's snapshot. Each partition is a morsel: a run of row groups of
/// one slice, so big slices are shared among workers. The pushed-down filter runs inside the partition, and
/// its <c>column op constant</c> conjuncts skip row groups by their zone maps.
/// </summary>
public sealed class PlanScan : PhysicalNode
{
    /// <summary>Row groups per morsel (a row group holds up to 128 Ki rows).</summary>
    public const int RowGroupsPerMorsel = 2;

    private readonly (int Slice, int FirstGroup, int GroupCount)[] _morsels;

    public PlanScan(TableSnapshot table, IReadOnlyList<int> columns, IReadOnlyList<string> names, CompiledExpression? filter, string filterText,
        ZonePredicate? zonePredicate, string alias, double estimatedRows)
        : base(columns.Select(c => table.Definition.Columns[c].Type).ToArray(), names, estimatedRows)
    {
        Table = table;
        Columns = columns;
        Filter = filter;
        FilterText = filterText;
        ZonePredicate = zonePredicate;
        Alias = alias;
        _morsels = CutMorsels(table.Manifest);
    }

    public TableSnapshot Table { get; }

    public IReadOnlyList<int> Columns { get; }

    public CompiledExpression? Filter { get; }

    public string FilterText { get; }

    public ZonePredicate? ZonePredicate { get; }

    public string Alias { get; }

    public override int Partitions => _morsels.Length;

    public override IReadOnlyList<PhysicalNode> Children => [];

    public override DataDistribution Distribution
    {
        get
        {
            var definition = Table.Definition;
            if (definition.DistStyle == DistStyle.All || Table.Manifest.IsReplicated && definition.DistStyle != DistStyle.Key && definition.DistStyle != DistStyle.Even)
                return DataDistribution.All;
            if (definition.DistStyle == DistStyle.Key)
            {
                for (int i = 0; i < Columns.Count; i++)
                    if (Columns[i] == definition.DistKeyOrdinal) return DataDistribution.OnKey(i, Table.Manifest.Slices.Count);
            }
            return DataDistribution.Unknown;
        }
    }

    public override int SliceOfPartition(int partition) => _morsels[partition].Slice;

    public override Operator Open(int partition, QueryContext context)
    {
        var (slice, first, count) = _morsels[partition];
        var manifest = Table.Manifest;
        var groups = manifest.Slices[slice].RowGroups;
        if (first != 0 || count != groups.Count)
        {
            var part = new List<RowGroup>(count);
            for (int g = first; g < first + count; g++) part.Add(groups[g]);
            manifest = manifest.WithSlice(new SliceManifest(slice, part));
        }
        var scanner = new TableScanner(Table.Blocks, Table.Layout);
        Operator op = new ScanOperator(OutputTypes, scanner.Scan(manifest, slice, Columns, ZonePredicate, cancellationToken: context.Cancellation), context);
        return Filter is null ? op : new FilterOperator(op, Filter, context);
    }

    public override string ExplainLabel => $"Seq Scan on {Table.Definition.Name}" + (Alias.Length > 0 && Alias != Table.Definition.Name ? $" {Alias}" : "");

    public override IEnumerable<string> ExplainDetails => Filter is null ? [] : [$"Filter: {FilterText}"];

    public override double TotalCost => EstimatedRows * 0.01;

    private static (int, int, int)[] CutMorsels(TableManifest manifest)
    {
        var morsels = new List<(int, int, int)>();
        for (int s = 0; s < manifest.Slices.Count; s++)
        {
            int groups = manifest.Slices[s].RowGroups.Count;
            if (groups == 0) continue;
            for (int g = 0; g < groups; g += RowGroupsPerMorsel) morsels.Add((s, g, Math.Min(RowGroupsPerMorsel, groups - g)));
        }
        if (morsels.Count == 0) morsels.Add((0, 0, 0));
        return [.. morsels];
    }

    public static int PhysicalWidth(SqlType type) => RowWidth([type]);
}
