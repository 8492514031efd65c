using System.Collections.Concurrent;
using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sequences;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Transactions;

namespace ActorWarehouse.Engine;

/// <summary>CREATE/DROP SEQUENCE and the session side of nextval/currval/setval.</summary>
public sealed partial class Session
{
    /// <summary>The value nextval last returned in this session, per sequence id (what currval reports).</summary>
    private readonly ConcurrentDictionary<long, long> _sequenceLastValues = new();

    private SequenceFunctionBinder SequenceBinderFor(Transaction transaction, IReadOnlyList<string> searchPath) =>
        new(Warehouse.Sequences, _sequenceLastValues, transaction.Working, searchPath);

    /// <summary>Writes moved sequence positions in their own commit, whatever became of the statement's transaction.</summary>
    private void PersistSequences()
    {
        try
        {
            Warehouse.Sequences.Persist(Warehouse.Transactions);
        }
        catch (SqlException)
        {
            // A failed journal write leaves the positions pending; the next statement tries again.
        }
    }

    private QueryResult ExecuteCreateSequence(CreateSequenceStatement create, Transaction transaction)
    {
        var catalog = transaction.Working;
        var (schema, name) = TargetName(create.Name, catalog);
        if (RelationExists(catalog, schema, name) || catalog.FindSequence(schema, name) is not null)
        {
            if (create.IfNotExists)
                return new QueryResult("CREATE SEQUENCE", [], [], 0) { Notices = [$"relation \"{name}\" already exists, skipping"] };
            throw new SqlException(SqlState.DuplicateTable, $"relation \"{name}\" already exists", create.Name.Position + 1);
        }
        var sequence = Define(create, catalog.NextObjectId, schema, name);
        var next = AllocatedCatalog(catalog).WithSequence(sequence);
        next = next with { SequenceValues = next.SequenceValues.SetItem(sequence.Id, new SequenceValue(sequence.Start, false)) };
        transaction.Apply(next, CatalogKeys.Sequence(schema, name), CatalogKeys.SequenceValue(sequence.Id));
        return QueryResult.Command("CREATE SEQUENCE");
    }

    /// <summary>PostgreSQL's defaults and checks for the CREATE SEQUENCE options.</summary>
    private static SequenceDefinition Define(CreateSequenceStatement create, long id, string schema, string name)
    {
        long increment = create.Increment ?? 1;
        if (increment == 0)
            throw new SqlException(SqlState.InvalidParameterValue, "INCREMENT must not be zero", create.Position + 1);
        long min = create.MinValue ?? (increment > 0 ? 1 : long.MinValue);
        long max = create.MaxValue ?? (increment > 0 ? long.MaxValue : -1);
        if (min >= max)
            throw new SqlException(SqlState.InvalidParameterValue, $"MINVALUE ({min}) must be less than MAXVALUE ({max})", create.Position + 1);
        long start = create.Start ?? (increment > 0 ? min : max);
        if (start < min)
            throw new SqlException(SqlState.InvalidParameterValue, $"START value ({start}) cannot be less than MINVALUE ({min})", create.Position + 1);
        if (start > max)
            throw new SqlException(SqlState.InvalidParameterValue, $"START value ({start}) cannot be greater than MAXVALUE ({max})", create.Position + 1);
        long cache = create.Cache ?? 1;
        if (cache <= 0)
            throw new SqlException(SqlState.InvalidParameterValue, $"CACHE ({cache}) must be greater than zero", create.Position + 1);
        return new SequenceDefinition(id, schema, name, increment, min, max, start, cache, create.Cycle);
    }

    private QueryResult ExecuteDropSequence(DropSequenceStatement drop, Transaction transaction)
    {
        var notices = new List<string>();
        var searchPath = BinderContextFor(transaction).SearchPath;
        foreach (var qualified in drop.Names)
        {
            var catalog = transaction.Working;
            IEnumerable<string> schemas = qualified.Schema is { } s ? [s] : searchPath;
            SequenceDefinition? found = null;
            foreach (var schema in schemas)
                if ((found = catalog.FindSequence(schema, qualified.Name)) is not null) break;
            if (found is null)
            {
                if (schemas.Any(schema => RelationExists(catalog, schema, qualified.Name)))
                    throw new SqlException(SqlState.WrongObjectType, $"\"{qualified.Name}\" is not a sequence", qualified.Position + 1);
                if (drop.IfExists)
                {
                    notices.Add($"sequence \"{qualified.Name}\" does not exist, skipping");
                    continue;
                }
                throw new SqlException(SqlState.UndefinedTable, $"sequence \"{qualified.Name}\" does not exist", qualified.Position + 1);
            }
            transaction.Apply(catalog.WithoutSequence(found.Schema, found.Name), CatalogKeys.Sequence(found.Schema, found.Name));
        }
        return new QueryResult("DROP SEQUENCE", [], [], 0) { Notices = notices };
    }
}
