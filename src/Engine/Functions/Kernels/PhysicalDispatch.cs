using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>A generic computation instantiated for the physical element type of a SQL type.</summary>
internal interface IPhysicalVisitor<TResult>
{
    TResult Visit<T>(IComparer<T> order);
}

/// <summary>Picks the physical element type (and PostgreSQL ordering) for a SQL type once, outside row loops.</summary>
internal static class PhysicalDispatch
{
    public static TResult Visit<TResult>(SqlType type, IPhysicalVisitor<TResult> visitor) => ColumnVector.PhysicalType(type) switch
    {
        var t when t == typeof(bool) => visitor.Visit(Comparer<bool>.Default),
        var t when t == typeof(short) => visitor.Visit(Comparer<short>.Default),
        var t when t == typeof(int) => visitor.Visit(Comparer<int>.Default),
        var t when t == typeof(long) => visitor.Visit(Comparer<long>.Default),
        var t when t == typeof(Int128) => visitor.Visit(Comparer<Int128>.Default),
        var t when t == typeof(float) => visitor.Visit(Comparer<float>.Create(RealOrdering.Compare)),
        var t when t == typeof(double) => visitor.Visit(Comparer<double>.Create(DoubleOrdering.Compare)),
        var t when t == typeof(string) => visitor.Visit(Comparer<string>.Create(CodePointOrder.Compare)),
        _ => visitor.Visit(Comparer<Interval>.Create(IntervalOrdering.Compare)),
    };
}
