namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// The two forms a string column takes. Batches — everything operators pass on, storage writes and
/// exchanges send — hold <see cref="StringVector"/>s (Arrow layout). Scalar functions that compute on
/// .NET strings (text functions, casts, JSON, formatting) see a <see cref="ColumnVector{T}"/> of strings
/// for the duration of their call: <see cref="Decode"/> before, <see cref="Encode"/> after.
/// </summary>
public static class StringForms
{
    /// <summary><paramref name="vector"/> with its strings as .NET strings (other vectors unchanged).</summary>
    public static ColumnVector Decode(ColumnVector vector) =>
        vector is StringVector s ? new ColumnVector<string>(s.Type, s.ToStrings(), s.Length, s.Validity) : vector;

    /// <summary><paramref name="vector"/> in batch form: .NET strings become a <see cref="StringVector"/>.</summary>
    public static ColumnVector Encode(ColumnVector vector) =>
        vector is ColumnVector<string> s ? StringVector.FromStrings(s.Type, s.Values.AsSpan(0, s.Length)!, s.Validity) : vector;

    /// <summary>Decoded copies of <paramref name="vectors"/>, or the same span when none holds strings.</summary>
    public static ReadOnlySpan<ColumnVector> DecodeAll(ReadOnlySpan<ColumnVector> vectors)
    {
        ColumnVector[]? copy = null;
        for (int i = 0; i < vectors.Length; i++)
        {
            if (vectors[i] is not StringVector) continue;
            copy ??= vectors.ToArray();
            copy[i] = Decode(vectors[i]);
        }
        return copy is null ? vectors : copy;
    }
}
