using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// A vectorized scalar function or operator. Each argument already has the type the resolver asked for
/// (<see cref="ResolvedFunction.ParameterTypes"/>). An argument whose <see cref="ColumnVector.Length"/> is 1
/// while <paramref name="rowCount"/> is larger is a constant broadcast to every row. The result always has
/// <paramref name="rowCount"/> rows.
/// </summary>
public delegate ColumnVector ScalarKernel(ReadOnlySpan<ColumnVector> args, int rowCount, FunctionContext context);
