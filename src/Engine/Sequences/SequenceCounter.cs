using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Sequences;

/// <summary>
/// The live position of one sequence, shared by all sessions of a warehouse. Values are handed out under a lock,
/// a whole batch at a time, and never given back (a rollback does not undo them, as in PostgreSQL).
/// </summary>
internal sealed class SequenceCounter
{
    private readonly object _gate = new();
    private long _last;
    private bool _isCalled;

    public SequenceCounter(SequenceDefinition definition, SequenceValue value)
    {
        Definition = definition;
        _last = value.LastValue;
        _isCalled = value.IsCalled;
    }

    public SequenceDefinition Definition { get; }

    public SequenceValue Value
    {
        get
        {
            lock (_gate) return new SequenceValue(_last, _isCalled);
        }
    }

    /// <summary>Hands out the next <paramref name="destination"/>.Length values in one atomic step.</summary>
    public void Next(Span<long> destination)
    {
        var d = Definition;
        lock (_gate)
        {
            long last = _last;
            bool called = _isCalled;
            for (int i = 0; i < destination.Length; i++)
            {
                long next;
                if (!called)
                {
                    next = last;
                    called = true;
                }
                else if (d.Increment > 0 ? last > d.MaxValue - d.Increment : last < d.MinValue - d.Increment)
                {
                    if (!d.Cycle)
                    {
                        // Values handed out before the limit stay used, like PostgreSQL's row-by-row nextval.
                        _last = last;
                        _isCalled = called;
                        throw d.Increment > 0
                            ? new SqlException(SqlState.SequenceGeneratorLimitExceeded, $"nextval: reached maximum value of sequence \"{d.Name}\" ({d.MaxValue})")
                            : new SqlException(SqlState.SequenceGeneratorLimitExceeded, $"nextval: reached minimum value of sequence \"{d.Name}\" ({d.MinValue})");
                    }
                    next = d.Increment > 0 ? d.MinValue : d.MaxValue;
                }
                else
                {
                    next = last + d.Increment;
                }
                destination[i] = next;
                last = next;
            }
            _last = last;
            _isCalled = called;
        }
    }

    /// <summary>setval: the next nextval returns <paramref name="value"/> + increment (or <paramref name="value"/> when not called).</summary>
    public void Set(long value, bool isCalled)
    {
        var d = Definition;
        if (value < d.MinValue || value > d.MaxValue)
            throw new SqlException(SqlState.NumericValueOutOfRange,
                $"setval: value {value} is out of bounds for sequence \"{d.Name}\" ({d.MinValue}..{d.MaxValue})");
        lock (_gate)
        {
            _last = value;
            _isCalled = isCalled;
        }
    }
}
