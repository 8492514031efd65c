namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>A run of whole records from the input: <c>Buffer[0..Length)</c>, whose first byte is on line <see cref="FirstLine"/> (1-based).</summary>
internal sealed record CopyChunk(byte[] Buffer, int Length, long FirstLine, int Index);

/// <summary>What one chunk produced: batches of good rows, and the rows it rejected, in line order.</summary>
internal sealed record ChunkResult(List<Columnar.Batch> Batches, List<LoadError> Errors, long Rows);
